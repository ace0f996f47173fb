using System.Diagnostics;
using LiveRank.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

/// <summary>
/// <c>liverank bench</c>: runs the checkout's benchmark set (<c>bench/run.sh</c>: in-process runners, BenchmarkDotNet
/// with allocation budgets, HTTP load with wrk), shows which step runs with the time left, and ends with the Markdown
/// table the script writes. The benchmarks live in the source tree, so the command needs a checkout.
/// </summary>
public sealed class BenchCommand : AsyncCommand<BenchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        string? root = FindCheckout(settings.Repository);
        if (root is null)
            return ErrorLine.Write("bench/run.sh not found: run `liverank bench` inside a LiveRank checkout or name one with --repo DIR.");
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        string output = Path.GetFullPath(settings.Out ?? Path.Combine(root, "bench", "results", stamp + ".md"));
        var skipped = (settings.Skip ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        int steps = BenchSettings.Steps.Count(s => !skipped.Contains(s));

        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "bench", "run.sh"));
        if (settings.Quick) start.ArgumentList.Add("--quick");
        start.Environment["OUT"] = output;
        start.Environment["SKIP"] = string.Join(',', skipped);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var eta = new Eta();
        int done = -1; // the first "== step" line starts step 0
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginErrorReadLine();
        using var registration = cancellationToken.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } });
        bool inTable = false;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("== ", StringComparison.Ordinal))
            {
                done++;
                double fraction = steps == 0 ? 1 : (double)done / steps;
                // Steps differ a lot in length (bdn is the longest), so the estimate is rough until a few have run.
                AnsiConsole.MarkupLineInterpolated($"[bold]step {done + 1}/{steps}[/] {line[3..]}  [grey](elapsed {Eta.Format(eta.Elapsed)}{eta.Suffix(fraction)})[/]");
                continue;
            }
            if (line.StartsWith("# LiveRank benchmark run", StringComparison.Ordinal)) inTable = true;
            if (!inTable) Console.WriteLine(line); // the table is printed once, below, from the file
        }
        await process.WaitForExitAsync(cancellationToken);

        if (!File.Exists(output)) return ErrorLine.Write($"bench/run.sh exited with {process.ExitCode} and wrote no table.");
        Console.WriteLine();
        Console.WriteLine(await File.ReadAllTextAsync(output, cancellationToken));
        string verdict = process.ExitCode switch
        {
            0 => "every target and allocation budget held",
            1 => "a target or an allocation budget was missed (MISS / FAIL rows)",
            _ => "a step could not run (ERROR rows; see the logs)",
        };
        AnsiConsole.MarkupLineInterpolated($"[bold]summary:[/] {steps} step(s) in {Eta.Format(eta.Elapsed)}; {verdict}; table in {output}");
        return process.ExitCode == 0 ? 0 : ErrorLine.Write($"bench: {verdict}.");
    }

    internal static string? FindCheckout(string? repository)
    {
        if (repository is not null)
            return File.Exists(Path.Combine(repository, "bench", "run.sh")) ? Path.GetFullPath(repository) : null;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "bench", "run.sh"))) return dir.FullName;
        }
        return null;
    }
}
