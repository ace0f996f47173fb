using LiveRank.Training.Trees;

namespace LiveRank.Training.Tests.Trees;

public class LambdaMartOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass() => new LambdaMartOptions().Validate();

    [Theory]
    [InlineData(nameof(LambdaMartOptions.Trees))]
    [InlineData(nameof(LambdaMartOptions.Leaves))]
    [InlineData(nameof(LambdaMartOptions.LearningRate))]
    [InlineData(nameof(LambdaMartOptions.MinimumExampleCountPerLeaf))]
    [InlineData(nameof(LambdaMartOptions.FeatureFraction))]
    [InlineData(nameof(LambdaMartOptions.L2))]
    [InlineData(nameof(LambdaMartOptions.Threads))]
    [InlineData(nameof(LambdaMartOptions.EarlyStoppingRounds))]
    public void Validate_OutOfRange_ThrowsNamingTheOption(string option)
    {
        var options = option switch
        {
            nameof(LambdaMartOptions.Trees) => new LambdaMartOptions { Trees = 0 },
            nameof(LambdaMartOptions.Leaves) => new LambdaMartOptions { Leaves = 1 },
            nameof(LambdaMartOptions.LearningRate) => new LambdaMartOptions { LearningRate = 0 },
            nameof(LambdaMartOptions.MinimumExampleCountPerLeaf) => new LambdaMartOptions { MinimumExampleCountPerLeaf = 0 },
            nameof(LambdaMartOptions.FeatureFraction) => new LambdaMartOptions { FeatureFraction = 1.5 },
            nameof(LambdaMartOptions.L2) => new LambdaMartOptions { L2 = double.NaN },
            nameof(LambdaMartOptions.Threads) => new LambdaMartOptions { Threads = 0 },
            _ => new LambdaMartOptions { EarlyStoppingRounds = -1 },
        };

        var e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(option, e.ParamName);
    }
}
