using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests.Demo;

/// <summary>
/// A twelve-film catalog, six crime films and six family films, where other viewers made the family films the most
/// popular; the user <c>ana</c> has watched one family film. A click on a crime film should pull the other crime films up.
/// </summary>
internal static class DemoCatalog
{
    public const string User = "ana";

    public static readonly (string Id, string Title, string Genre)[] Films =
    [
        ("m1", "Toy Story (1995)", "Family"), ("m2", "Jumanji (1995)", "Family"), ("m3", "Aladdin (1992)", "Family"),
        ("m4", "Babe (1995)", "Family"), ("m5", "Home Alone (1990)", "Family"), ("m6", "Mrs. Doubtfire (1993)", "Family"),
        ("c1", "Heat (1995)", "Crime"), ("c2", "Casino (1995)", "Crime"), ("c3", "Usual Suspects, The (1995)", "Crime"),
        ("c4", "Se7en (1995)", "Crime"), ("c5", "Fargo (1996)", "Crime"), ("c6", "Pulp Fiction (1994)", "Crime"),
    ];

    public static async Task LoadAsync(HttpClient client)
    {
        var items = new JsonArray();
        foreach (var (id, title, genre) in Films)
            items.Add(new JsonObject { ["id"] = id, ["title"] = title, ["categories"] = new JsonArray(genre) });
        await PostOkAsync(client, "/v1/items", new JsonObject { ["items"] = items });

        // Popularity: film k of each genre viewed by (12 - k) others for the family films, (6 - k) for the crime films.
        var events = new JsonArray();
        for (int k = 0; k < Films.Length; k++)
        {
            var (id, _, genre) = Films[k];
            int viewers = genre == "Family" ? 12 - k : 12 - k - 2;
            for (int v = 0; v < viewers; v++)
                events.Add(new JsonObject { ["type"] = "view", ["userId"] = $"viewer{v}", ["itemId"] = id });
        }
        events.Add(new JsonObject { ["type"] = "view", ["userId"] = User, ["itemId"] = "m1" });
        await PostOkAsync(client, "/v1/events", new JsonObject { ["events"] = events });
    }
}
