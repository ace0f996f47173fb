using LiveRank.Cli.Commands;
using LiveRank.Cli.Output;
using Xunit;

namespace LiveRank.Cli.Tests.Cli;

public sealed class LongJobOutputTests
{
    [Theory]
    [InlineData(30, 0.25, ", ETA 1m30s")] // a quarter in 30 s: three quarters left at the same pace
    [InlineData(10, 0.5, ", ETA 10s")]
    [InlineData(3600, 0.5, ", ETA 1h00m")]
    [InlineData(1, 0.999, ", ETA 1s")] // rounded up: never "ETA 0s" before the end
    [InlineData(30, 0, "")]           // nothing done: no basis for an estimate
    [InlineData(30, 1, "")]           // finished
    [InlineData(30, double.NaN, "")]
    public void EtaSuffix_ShareDone_EstimatesTimeLeftLinearly(int elapsedSeconds, double fraction, string expected)
    {
        Assert.Equal(expected, Eta.Suffix(TimeSpan.FromSeconds(elapsedSeconds), fraction));
    }

    [Fact]
    public void BenchFindCheckout_FromAFolderInsideTheCheckout_FindsTheRoot()
    {
        string root = Path.Combine(Path.GetTempPath(), "liverank-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "bench"));
            File.WriteAllText(Path.Combine(root, "bench", "run.sh"), "#!/usr/bin/env bash\n");
            Assert.Equal(Path.GetFullPath(root), BenchCommand.FindCheckout(root));
            Assert.Null(BenchCommand.FindCheckout(Path.Combine(root, "bench"))); // --repo must name the checkout itself
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void BenchSettings_UnknownStepToSkip_IsRefusedWithTheStepNames()
    {
        var result = new BenchSettings { Skip = "load,warp" }.Validate();

        Assert.False(result.Successful);
        Assert.Contains("'warp' is not a step; steps are rerank, recommend, ingest, recovery, memory, bdn, load", result.Message);
        Assert.True(new BenchSettings { Skip = "bdn, load" }.Validate().Successful);
    }
}
