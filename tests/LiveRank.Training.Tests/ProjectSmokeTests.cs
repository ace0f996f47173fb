namespace LiveRank.Training.Tests;

public class ProjectSmokeTests
{
    [Fact]
    public void TrainingAssemblyLoadsMlNet()
    {
        var context = new Microsoft.ML.MLContext(seed: 1);
        Assert.NotNull(context.Ranking);
    }
}
