using BenchmarkDotNet.Running;
using LiveRank.Benchmarks;
using LiveRank.Benchmarks.Runners;

// dotnet run -c Release --project bench/LiveRank.Benchmarks -- rerank|recommend|ingest|recovery|memory|encode|adapter|lambdamart|learned|live-load|distributed|bdn [args]
// (encode [latency samples] [--encoder minilm|arctic-xs]; adapter DATA_DIR [--option value …], see AdapterRunner;
//  lambdamart [training rows] [--threads n] [--score-only|--train-only])
string command = args.Length > 0 ? args[0] : "";
string[] rest = args.Length > 1 ? args[1..] : [];
switch (command)
{
    case "rerank":
        return RerankRunner.Run(rest);
    case "recommend":
        return RecommendRunner.Run(rest);
    case "ingest":
        return await IngestRunner.RunAsync(rest);
    case "recovery":
        return await RecoveryRunner.RunAsync(rest);
    case "memory":
        return MemoryRunner.Run(rest);
    case "encode":
        return EncodeRunner.Run(rest);
    case "adapter":
        return AdapterRunner.Run(rest);
    case "learned":
        return LearnedRunner.Run(rest);
    case "live-load":
        return await LiveLoadRunner.RunAsync(rest);
    case "lambdamart":
        return LambdaMartRunner.Run(rest);
    case "distributed":
        return await DistributedRunner.RunAsync(rest);
    case "bdn":
        var budgets = AllocationBudgets.Load(Path.Combine(AppContext.BaseDirectory, AllocationBudgets.FileName));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(RerankBenchmarks).Assembly).Run(rest);
        return AllocationBudgets.Check(summaries, budgets) == 0 ? 0 : 2;
    default:
        Console.Error.WriteLine("usage: LiveRank.Benchmarks rerank [calls] | recommend [calls] [--no-lm] [--precision Float16|Int8] | ingest | recovery | memory [users] | encode [latency samples] [--encoder minilm|arctic-xs] | adapter DATA_DIR [--option value …] | lambdamart [training rows] [--threads n] [--score-only|--train-only] | learned MODEL DATA_DIR [--cache DIR] [calls] | live-load URL [--events N] [--ranks N] [--batch N] [--seconds S] [--probes N] | distributed [users] [seconds] [--no-lm] | bdn [BenchmarkDotNet args]");
        return 64;
}
