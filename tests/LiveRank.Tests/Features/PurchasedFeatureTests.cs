using LiveRank.Features;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Tests.Features;

public class PurchasedFeatureTests
{
    [Fact]
    public void Fill_BoughtItem_IsOneOthersZero()
    {
        var state = NewState().With(Event("me", "p1", "purchase", 0), Event("me", "p2", "cart", 1), Event("other", "p3", "purchase", 2));

        float[] column = FeatureColumn.Fill(new PurchasedFeature(), state, "me", "p1", "p2", "p3", "unknown");

        Assert.Equal([1f, 0f, 0f, 0f], column);
    }

    [Fact]
    public void Fill_CustomPurchaseType_IsRecognised()
    {
        var types = new LiveRank.Domain.EventTypeRegistry([new LiveRank.Domain.EventTypeDefinition { Name = "subscribe", Weight = 5, IsPurchase = true }]);
        var state = NewState(types: types).With(Event("me", "s", "subscribe", 0));

        Assert.Equal([1f], FeatureColumn.Fill(new PurchasedFeature(), state, "me", "s"));
    }
}
