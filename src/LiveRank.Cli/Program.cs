using System.Globalization;
using LiveRank.Cli.Commands;
using Spectre.Console.Cli;

// Culture-independent parsing and formatting whatever LANG says (the project runs with ICU for Unicode normalisation).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// redis:// store connection strings (import, encode, train open stores through StateStoreFactory).
LiveRank.Storage.Redis.RedisStateStore.Register();

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("liverank");
    config.SetApplicationVersion(typeof(ServeCommand).Assembly.GetName().Version?.ToString(3) ?? "dev");
    config.UseStrictParsing();
    config.AddCommand<ServeCommand>("serve")
        .WithDescription("Run the HTTP server.")
        .WithExample("serve", "--urls", "http://127.0.0.1:5000", "--store", "embedded:///var/lib/liverank");
    config.AddBranch<ImportSettings>("import", import =>
    {
        import.SetDescription("Load a dataset into a store.");
        import.AddCommand<ImportMovieLensCommand>("movielens")
            .WithDescription("Import a MovieLens folder: latest-small CSV, 100K (u.data, u.item) or 1M (ratings.dat, movies.dat); the store comes from --store CONN after `import` (default ./data).")
            .WithExample("import", "movielens", "samples/ml-latest-small");
        import.AddCommand<ImportAmazonCommand>("amazon")
            .WithDescription("Import an Amazon reviews folder (one reviews *.json.gz and one meta_*.json.gz); the store comes from --store CONN after `import` (default ./data).")
            .WithExample("import", "amazon", "data/amazon-luxury-beauty");
        import.AddCommand<ImportJsonlCommand>("jsonl")
            .WithDescription("Import JSON-lines items and events files; the store comes from --store CONN after `import` (default ./data).")
            .WithExample("import", "jsonl", "--items", "items.jsonl", "--events", "events.jsonl");
    });
    config.AddCommand<EncodeCommand>("encode")
        .WithDescription("Encode catalog items the vector cache lacks with the language model, and rebuild user profiles.")
        .WithExample("encode", "--store", "embedded:///var/lib/liverank");
    config.AddCommand<TrainCommand>("train")
        .WithDescription("Train the ranking model (LM adapter + retrievers + LambdaMART) and write it where the server hot-swaps it in.")
        .WithExample("train", "--dataset", "movielens:samples/ml-latest-small")
        .WithExample("train", "--store", "embedded:///var/lib/liverank");
    config.AddCommand<EvaluateCommand>("evaluate")
        .WithDescription("Score baselines and LiveRank on an offline protocol (P1, P2, P3, P4, P5) and write report.json, report.md and PNG plots.")
        .WithExample("evaluate", "--dataset", "movielens:samples/ml-latest-small", "--protocol", "P1", "--seeds", "3", "--out", "reports/p1");
    config.AddCommand<ValidateCommand>("validate")
        .WithDescription("Check a configuration file without starting anything.")
        .WithExample("validate", "--config", "liverank.json");
    config.AddCommand<BenchCommand>("bench")
        .WithDescription("Run the checkout's benchmark set (runners, BenchmarkDotNet with allocation budgets, HTTP load) and write one Markdown table.")
        .WithExample("bench", "--quick")
        .WithExample("bench", "--skip", "load", "--out", "docs/perf-run.md");
});
return await app.RunAsync(args);
