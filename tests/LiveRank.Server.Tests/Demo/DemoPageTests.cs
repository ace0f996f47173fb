using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests.Demo;

/// <summary>
/// The demo page end to end: a real server process on a free port, Debian's Chromium driven headless by Playwright
/// (its bundled driver, no browser download). A click on an item posts an event and the list re-ranks at once.
/// </summary>
public sealed class DemoPageTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string RankedIds = "els => els.map(e => e.dataset.id)";

    private readonly TempStoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ClickOnItem_PostsEvent_AndListReranks()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (.ci/run does).");
        // No language model: the test needs the page and the real-time features, not an ONNX load.
        await using var server = await ServerProcess.StartAsync(_directory.Connection, Ct, "--LiveRank:Semantic:Enabled=false");
        await DemoCatalog.LoadAsync(server.Client);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        var page = await browser.NewPageAsync();
        // Generous waits for a 2-core CI machine running other suites; every wait ends as soon as its condition holds.
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);

        await page.GotoAsync(new Uri(server.Address, $"/demo?user={DemoCatalog.User}").ToString());
        var ranked = page.Locator("#ranked li");
        await Assertions.Expect(ranked).ToHaveCountAsync(DemoCatalog.Films.Length);
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("ranked by heuristic");
        await Assertions.Expect(page.Locator("#history li")).ToContainTextAsync(["Toy Story (1995)"]);
        string[] upstream = await page.Locator("#upstream li").EvaluateAllAsync<string[]>(RankedIds);
        string[] before = await ranked.EvaluateAllAsync<string[]>(RankedIds);
        Assert.Equal(DemoCatalog.Films.Length, upstream.Length);

        // The lowest-ranked crime film, clicked with the mouse.
        string clicked = before.Last(id => id.StartsWith('c'));
        await page.Locator($"#ranked button.item[data-id='{clicked}']").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Sent click on");
        string[] after = await ranked.EvaluateAllAsync<string[]>(RankedIds);

        Assert.NotEqual(before, after);
        Assert.True(Array.IndexOf(after, clicked) < Array.IndexOf(before, clicked),
            $"{clicked} should rise after the click: before {string.Join(",", before)}, after {string.Join(",", after)}");
        await Assertions.Expect(page.Locator("#history li").First).ToContainTextAsync(Title(clicked));
        await Assertions.Expect(page.Locator("#narrative")).ToContainTextAsync($"clicked {Title(clicked)}");

        // Keyboard only: focus stays on the item after Enter, and a second event is stored.
        string second = after.Last(id => id.StartsWith('c') && id != clicked);
        var button = page.Locator($"#ranked button.item[data-id='{second}']");
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync(Title(second));
        await Assertions.Expect(page.Locator($"#ranked button.item[data-id='{second}']")).ToBeFocusedAsync();

        var user = JsonNode.Parse(await server.Client.GetStringAsync($"/v1/users/{DemoCatalog.User}", Ct))!;
        Assert.Equal(2, (int)user["eventCounts"]!["click"]!);
        Assert.Empty(errors);

        if (Environment.GetEnvironmentVariable("LIVERANK_DEMO_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "demo-after-click.png"), FullPage = true });
    }

    private static string Title(string id) => Array.Find(DemoCatalog.Films, f => f.Id == id).Title;
}
