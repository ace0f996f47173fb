using LiveRank.Server.Hosting;
using LiveRank.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests.Freshness;

/// <summary>With <c>LiveRank:Learning:Enabled</c>, a click citing a served request id reaches the online correction.</summary>
public sealed class OnlineLearningTests() : ServerTest(new Dictionary<string, string?> { ["LiveRank:Learning:Enabled"] = "true", ["LiveRank:Learning:ExplorationShare"] = "0" })
{
    [Fact]
    public async Task ClickCitingARequestId_IsLearnedFrom()
    {
        await PostOkAsync(Client, "/v1/items", Items(Item("a", "Alpha", "x"), Item("b", "Beta", "y"), Item("c", "Gamma", "z")));
        var served = await PostOkAsync(Client, "/v1/rerank", Rerank("reader", "a", "b", "c"));
        string requestId = served["requestId"]!.GetValue<string>();
        string third = RankedIds(served)[2];

        var click = Event("click", "reader", third);
        click["requestId"] = requestId;
        await PostOkAsync(Client, "/v1/events", Events(click));
        await PostOkAsync(Client, "/v1/events", Events(Event("click", "reader", third))); // no request id: not feedback

        var learner = Factory.Services.GetRequiredService<LearningHost>().Learner!;
        Assert.Equal(1, learner.LearnedClicks);
        Assert.True(learner.Correction(third) > 0);
    }
}
