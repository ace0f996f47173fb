using System.IO.Enumeration;
using LiveRank.Scoring;
using LiveRank.Scoring.Models;
using LiveRank.Server.Options;
using LiveRank.Storage;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Hosting;

/// <summary>
/// Puts trained models in service without a restart. At start (after the store is open) it loads the newest file in the
/// model directory that a registered <see cref="IRankingModelLoader"/> reads — newest by last write time, then by name —
/// and serves the heuristic when there is none or it is refused. Later reloads come from <c>POST /v1/models/reload</c>
/// and, with <see cref="ModelOptions.WatchFiles"/>, from files created, changed or renamed in the directory (after
/// <see cref="WatchDebounce"/> of quiet). One reload runs at a time; a refused file changes nothing, and requests in
/// flight finish on the ranker they started with (<see cref="RankerHolder"/>). Replaced rankers are not disposed: the
/// last request holding one may still be running, so they are left to the garbage collector.
/// </summary>
public sealed class ModelHost : IHostedService, IDisposable
{
    /// <summary>Quiet time after the last file event before the watcher reloads: copying one file raises several events.</summary>
    public static readonly TimeSpan WatchDebounce = TimeSpan.FromMilliseconds(500);

    /// <summary>Most files <see cref="Files"/> lists.</summary>
    public const int MaxListedFiles = 1000;

    private readonly ModelOptions _options;
    private readonly StoreHost _store;
    private readonly RankerHolder _holder;
    private readonly IRankingModelLoader[] _loaders;
    private readonly TimeProvider _clock;
    private readonly ILogger<ModelHost> _logger;
    private readonly Lock _reload = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _debounce;
    private bool _stopped;

    public ModelHost(IOptions<ModelOptions> options, StoreOptions store, StoreHost storeHost, RankerHolder holder,
        IEnumerable<IRankingModelLoader> loaders, TimeProvider clock, ILogger<ModelHost> logger)
    {
        _options = options.Value;
        _store = storeHost;
        _holder = holder;
        _loaders = [.. loaders];
        _clock = clock;
        _logger = logger;
        ModelDirectory = _options.Directory is { Length: > 0 } configured ? Path.GetFullPath(configured) : DefaultDirectory(store.Connection);
        Patterns = [.. _loaders.Select(l => l.FilePattern).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The model directory (absolute).</summary>
    public string ModelDirectory { get; }

    /// <summary>True while a watcher reloads on file changes.</summary>
    public bool Watching => Volatile.Read(ref _watcher) is not null;

    /// <summary>The file patterns of the registered loaders, in registration order.</summary>
    public IReadOnlyList<string> Patterns { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var heuristic = _holder.Serving; // the store is open now: the heuristic serves until a model loads
        if (_loaders.Length == 0)
        {
            // Nothing could ever be loaded: no directory to create or watch.
            _logger.LogInformation("No model loader is registered; {Model} serves.", heuristic.Model);
            return Task.CompletedTask;
        }
        // Watch first, so that a file dropped while the first one loads is not missed (the watcher skips the one serving).
        if (_options.WatchFiles) StartWatching();
        if (Newest() is null)
        {
            _logger.LogInformation("No model file ({Patterns}) in {Directory}; {Model} serves.", string.Join(", ", Patterns), ModelDirectory, heuristic.Model);
            return Task.CompletedTask;
        }
        Reload(); // logs its outcome; a refused file leaves the heuristic serving
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        StopWatching();
        lock (_reload) _stopped = true; // waits for a reload in progress; none starts after this
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        StopWatching();
    }

    /// <summary>
    /// Loads <paramref name="path"/> (absolute, or relative to <see cref="ModelDirectory"/>), or the newest model file
    /// in the directory when null, and puts it in service. Never throws for a bad file: the result says what happened.
    /// </summary>
    public ModelReloadResult Reload(string? path = null)
    {
        lock (_reload)
        {
            var serving = _holder.Serving;
            if (_stopped) return new ModelReloadResult(ModelReloadStatus.Refused, "The server is stopping.", path, serving);
            ModelFile? file;
            if (path is null)
            {
                file = Newest();
                if (file is null)
                {
                    string what = Patterns.Count == 0 ? "no model loader is registered" : $"no file matching {string.Join(", ", Patterns)}";
                    return NotFound($"No model file in {ModelDirectory}: {what}.", null, serving);
                }
            }
            else
            {
                string full;
                try
                {
                    full = Path.GetFullPath(path, ModelDirectory);
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
                {
                    return Refused($"'{path}' is not a valid path: {e.Message}", path, serving);
                }
                var info = new FileInfo(full);
                if (!info.Exists) return NotFound($"No model file {full}.", full, serving);
                file = Describe(info);
            }
            return Load(file, serving);
        }
    }

    /// <summary>The files in the model directory, newest first (at most <see cref="MaxListedFiles"/>).</summary>
    public IReadOnlyList<ModelFile> Files()
    {
        var files = new List<ModelFile>();
        foreach (var info in Enumerate()) files.Add(Describe(info));
        files.Sort(static (a, b) => NewerFirst(a, b));
        if (files.Count > MaxListedFiles) files.RemoveRange(MaxListedFiles, files.Count - MaxListedFiles);
        return files;
    }

    /// <summary>The newest file a registered loader reads; null when there is none.</summary>
    public ModelFile? Newest()
    {
        ModelFile? newest = null;
        foreach (var info in Enumerate())
        {
            if (LoaderFor(info.Name) is null) continue;
            var file = Describe(info);
            if (newest is null || NewerFirst(file, newest) < 0) newest = file;
        }
        return newest;
    }

    private ModelReloadResult Load(ModelFile file, ServingRanker serving)
    {
        if (file.Loader is not { } loader)
        {
            string which = Patterns.Count == 0 ? "none is registered" : $"they read {string.Join(", ", Patterns)}";
            return Refused($"No model loader reads '{file.Name}': {which}.", file.Path, serving);
        }
        IRanker? ranker;
        try
        {
            ranker = loader.Load(file.Path, _store.Store.State);
        }
        catch (ModelFormatException e)
        {
            return Refused(e.Message, file.Path, serving);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refused($"The file could not be read: {e.Message}", file.Path, serving);
        }
        catch (Exception e)
        {
            // A loader that fails in an unexpected way must not take the server down with it: the file is refused.
            _logger.LogError(e, "Model loader {Loader} failed on {Path}.", loader.GetType().Name, file.Path);
            return Refused($"The loader failed: {e.Message}", file.Path, serving);
        }
        if (ranker is null || string.IsNullOrWhiteSpace(ranker.Model))
            return Refused($"The loader returned no ranker with a model name for {file.Path}.", file.Path, serving);

        var next = new ServingRanker(ranker, file.Path, _clock.GetUtcNow(), file.WrittenAtUtc, file.Bytes);
        var previous = _holder.Swap(next);
        _logger.LogInformation("Model {Model} from {Path} is in service; {Previous} served before.", next.Model, file.Path, previous.Model);
        return new ModelReloadResult(ModelReloadStatus.Loaded, $"{next.Model} is in service.", file.Path, next, previous);
    }

    private ModelReloadResult NotFound(string message, string? path, ServingRanker serving)
    {
        _logger.LogWarning("Model reload: {Reason} {Model} keeps serving.", message, serving.Model);
        return new ModelReloadResult(ModelReloadStatus.NotFound, message, path, serving);
    }

    private ModelReloadResult Refused(string message, string? path, ServingRanker serving)
    {
        _logger.LogWarning("Model file {Path} refused: {Reason} {Model} keeps serving.", path, message, serving.Model);
        return new ModelReloadResult(ModelReloadStatus.Refused, message, path, serving);
    }

    private IEnumerable<FileInfo> Enumerate()
    {
        var directory = new DirectoryInfo(ModelDirectory);
        if (!directory.Exists) return [];
        try
        {
            // Hidden files (a leading dot on Unix) are skipped: write a model as .name.tmp, then rename it into place.
            return directory.GetFiles("*", new EnumerationOptions { IgnoreInaccessible = true, RecurseSubdirectories = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "The model directory {Directory} could not be listed.", ModelDirectory);
            return [];
        }
    }

    private ModelFile Describe(FileInfo info) =>
        new(info.Name, info.FullName, info.Length, info.LastWriteTimeUtc, LoaderFor(info.Name));

    private IRankingModelLoader? LoaderFor(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName)) return null;
        foreach (var loader in _loaders)
        {
            if (FileSystemName.MatchesSimpleExpression(loader.FilePattern, fileName, ignoreCase: false)) return loader;
        }
        return null;
    }

    /// <summary>Later last write first, then the greater name (model-2 before model-1).</summary>
    private static int NewerFirst(ModelFile a, ModelFile b)
    {
        int c = b.WrittenAtUtc.CompareTo(a.WrittenAtUtc);
        return c != 0 ? c : string.CompareOrdinal(b.Name, a.Name);
    }

    private void StartWatching()
    {
        try
        {
            Directory.CreateDirectory(ModelDirectory);
            _debounce = _clock.CreateTimer(_ => OnQuiet(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var watcher = new FileSystemWatcher(ModelDirectory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            watcher.Created += OnFileEvent;
            watcher.Changed += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.Error += (_, e) => _logger.LogWarning(e.GetException(), "The model directory watcher reported an error; reload with POST /v1/models/reload.");
            watcher.EnableRaisingEvents = true;
            Volatile.Write(ref _watcher, watcher);
            _logger.LogInformation("Watching {Directory} for model files.", ModelDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            _logger.LogWarning(e, "The model directory {Directory} cannot be watched; reload with POST /v1/models/reload.", ModelDirectory);
        }
    }

    private void StopWatching()
    {
        if (Interlocked.Exchange(ref _watcher, null) is { } watcher)
        {
            watcher.EnableRaisingEvents = false;
            watcher.Dispose();
        }
        Interlocked.Exchange(ref _debounce, null)?.Dispose();
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (LoaderFor(e.Name) is null) return;
        Volatile.Read(ref _debounce)?.Change(WatchDebounce, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The directory has been quiet for <see cref="WatchDebounce"/>: serve its newest file unless it already serves.</summary>
    private void OnQuiet()
    {
        try
        {
            if (Newest() is not { } newest) return;
            var serving = _holder.Serving;
            if (serving.Path == newest.Path && serving.FileWrittenAt == newest.WrittenAtUtc && serving.FileBytes == newest.Bytes) return;
            Reload(newest.Path);
        }
        catch (Exception e)
        {
            // A timer callback that throws would end the process; the old ranker keeps serving instead.
            _logger.LogError(e, "Reloading after a change in {Directory} failed.", ModelDirectory);
        }
    }

    private static string DefaultDirectory(string connection)
    {
        var parsed = StoreConnection.Parse(connection);
        return parsed.Kind == StoreKind.Embedded
            ? Path.Combine(Path.GetFullPath(parsed.Target), "models")
            : Path.GetFullPath("models");
    }
}
