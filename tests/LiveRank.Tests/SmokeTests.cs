namespace LiveRank.Tests;
public class SmokeTests { [Xunit.Fact] public void One() => Xunit.Assert.Equal(2, 1 + 1); }
