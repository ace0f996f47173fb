using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveRank.Testing.Redis;

/// <summary>
/// A real <c>redis-server</c> (Debian's, from PATH or /usr/bin) on a free loopback port with its data in a fresh temporary
/// directory: append-only file on, <c>appendfsync everysec</c>, no RDB saves. <see cref="KillAsync"/> is SIGKILL and
/// <see cref="StartAsync()"/> starts it again on the same port and directory, so tests can restart Redis under load.
/// Disposing kills the process and deletes the directory.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServerProcess(int port, string directory)
    {
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    /// <summary><c>host:port</c> for a <c>redis://</c> connection string.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>True when a <c>redis-server</c> binary is installed here.</summary>
    public static bool IsInstalled => Executable() is not null;

    public static async Task<RedisServerProcess> StartNewAsync(CancellationToken cancellationToken = default)
    {
        string directory = Path.Combine(Path.GetTempPath(), "liverank-redis-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var server = new RedisServerProcess(FreePort(), directory);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts (again) on the same port and directory and waits until it answers PING and has loaded its data.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning) return;
        string executable = Executable() ?? throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server).");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (string arg in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", Directory,
            "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--protected-mode", "no", "--daemonize", "no",
        })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(cancellationToken);
    }

    /// <summary>SIGKILL: no shutdown save; what the append-only file holds is what survives.</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync(cancellationToken);
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Sends one command (RESP) and returns the raw reply text, for INFO and such.</summary>
    public async Task<string> CommandAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
        var stream = client.GetStream();
        var request = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
        foreach (string a in args) request.Append('$').Append(Encoding.UTF8.GetByteCount(a)).Append("\r\n").Append(a).Append("\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);
        var buffer = new byte[1 << 16];
        var reply = new StringBuilder();
        stream.ReadTimeout = 2000;
        do
        {
            int n = await stream.ReadAsync(buffer, cancellationToken);
            if (n == 0) break;
            reply.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        while (!IsComplete(reply));
        return reply.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not hide the test's own result.
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process is { HasExited: true }) throw new InvalidOperationException("redis-server exited:\n" + Output);
            try
            {
                if ((await CommandAsync(cancellationToken, "PING")).StartsWith("+PONG", StringComparison.Ordinal)) return;
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            catch (IOException)
            {
            }
            await Task.Delay(20, cancellationToken); // polling interval, bounded by the 20 s limit
        }
        throw new TimeoutException("redis-server did not answer within 20 s:\n" + Output);
    }

    // A reply is complete when a simple line ends, or a bulk string has all its announced bytes.
    private static bool IsComplete(StringBuilder reply)
    {
        string text = reply.ToString();
        int eol = text.IndexOf("\r\n", StringComparison.Ordinal);
        if (eol < 0) return false;
        if (text[0] != '$') return true;
        int length = int.Parse(text.AsSpan(1, eol - 1), System.Globalization.CultureInfo.InvariantCulture);
        return length < 0 || Encoding.UTF8.GetByteCount(text) >= eol + 2 + length + 2;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static string? Executable()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin").Append("/usr/local/bin"))
        {
            string candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
