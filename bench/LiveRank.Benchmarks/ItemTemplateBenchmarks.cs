using BenchmarkDotNet.Attributes;
using LiveRank.Domain;
using LiveRank.Testing;
using LiveRank.Text;

namespace LiveRank.Benchmarks;

/// <summary>
/// One item through a built-in template: 1,000 ml-latest-small titles with two genres and, for a third of them, two
/// tags; for <c>products</c> also a brand, a price and a 110-character description. One operation = one item.
/// </summary>
[MemoryDiagnoser]
public class ItemTemplateBenchmarks
{
    private const int ItemCount = 1000;
    private static readonly string[] Genres = ["Adventure", "Animation", "Children", "Comedy", "Crime", "Drama", "Fantasy", "Romance", "Thriller", "Sci-Fi"];

    private Item[] _items = null!;
    private ItemTemplate _template = null!;
    private char[] _buffer = null!;

    [Params("generic", "movies", "products")]
    public string Template { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _template = ItemTemplate.Resolve(Template);
        var titles = SampleTitles.Load();
        var random = new SplitMix64(7);
        _items = new Item[ItemCount];
        for (int i = 0; i < ItemCount; i++)
        {
            _items[i] = new Item
            {
                Id = CatalogMother.ItemId(i),
                Title = titles[i],
                Categories = [Genres[random.Next(Genres.Length)], Genres[random.Next(Genres.Length)]],
                Tags = i % 3 == 0 ? ["pixar", "quotable"] : [],
                Brand = Template == "products" ? "Studio " + (i % 17).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                Price = Template == "products" ? 5 + random.Next(2000) / 100.0 : null,
                Currency = Template == "products" ? "USD" : null,
                Description = Template == "products" ? "A film everyone talks about, remastered with a new commentary track, deleted scenes and a booklet of stills." : null,
            };
        }
        _buffer = new char[1024];
    }

    [Benchmark(OperationsPerInvoke = ItemCount)]
    public int Render()
    {
        int length = 0;
        foreach (var item in _items) length += _template.Render(item).Length;
        return length;
    }

    [Benchmark(OperationsPerInvoke = ItemCount)]
    public int TryRender()
    {
        int length = 0;
        foreach (var item in _items)
        {
            _template.TryRender(item, _buffer, out int written);
            length += written;
        }
        return length;
    }
}
