using LiveRank.Import;

namespace LiveRank.Cli.Output;

/// <summary>Progress for logs (CI, redirected output): one line per phase and per tenth of the total, never a redraw.</summary>
internal sealed class PlainProgress(string name) : IProgress<ImportProgress>
{
    private ImportPhase? _phase;
    private int _lastTenth = -1;
    private Eta _eta = new();

    public void Report(ImportProgress value)
    {
        int tenth = value.Total is > 0 ? (int)Math.Min(10, value.Done * 10 / value.Total.Value) : -1;
        if (value.Phase == _phase && tenth <= _lastTenth) return;
        if (value.Phase != _phase) _eta = new Eta(); // each phase estimates its own time left
        _phase = value.Phase;
        _lastTenth = tenth;
        string share = value.Total is > 0
            ? $" ({Math.Min(100, value.Done * 100 / value.Total.Value)}%{_eta.Suffix((double)value.Done / value.Total.Value)})"
            : "";
        Console.WriteLine($"import {name}: {value.Phase.ToString().ToLowerInvariant()} {value.Done:N0}{(value.Total is { } t ? $"/{t:N0}" : "")}{share}");
    }
}
