using LiveRank.Cli.Commands;
using Xunit;

namespace LiveRank.Cli.Tests.Cli;

public sealed class ServeCommandTests
{
    [Fact]
    public void ToConfigurationArgs_AllOptions_MapToServerKeys()
    {
        var settings = new ServeSettings { Urls = "http://127.0.0.1:5000", Store = "embedded:///tmp/x", Config = "/etc/liverank.json", NoDemo = true };

        string[] args = ServeCommand.ToConfigurationArgs(settings);

        Assert.Equal(
            ["--LiveRank:ConfigFile=/etc/liverank.json", "--LiveRank:Store:Connection=embedded:///tmp/x", "--LiveRank:Demo:Enabled=false", "--urls=http://127.0.0.1:5000"],
            args);
    }

    [Fact]
    public void ToConfigurationArgs_NoOptions_LeavesConfigurationAlone()
    {
        Assert.Empty(ServeCommand.ToConfigurationArgs(new ServeSettings()));
    }
}
