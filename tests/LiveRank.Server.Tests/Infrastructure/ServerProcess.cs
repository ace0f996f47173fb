using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveRank.Server.Tests.Infrastructure;

/// <summary>
/// A real <c>LiveRank.Server</c> process (the build copied beside the test assembly) on a free loopback port, for tests
/// that need what an in-memory host cannot give: <c>kill -9</c>.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the process wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts the server on <paramref name="storeConnection"/> and waits (bounded) until <c>/readyz</c> answers 200.</summary>
    /// <param name="settings">Extra <c>--Key=value</c> arguments.</param>
    public static async Task<ServerProcess> StartAsync(string storeConnection, CancellationToken cancellationToken, params string[] settings)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "LiveRank.Server.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("The server build is not beside the test assembly.", dll);
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = [dll, "--urls", $"http://127.0.0.1:{port}", $"--LiveRank:Store:Connection={storeConnection}",
            "--LiveRank:Demo:Enabled=false", .. settings];
        foreach (string arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync(cancellationToken);
        return server;
    }

    /// <summary>SIGKILL on Linux: no shutdown hooks, no final snapshot, no flush beyond what was acknowledged.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await probe.GetAsync("/readyz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The probe's own timeout.
            }
            await Task.Delay(50, cancellationToken); // polling interval, bounded by ReadyTimeout
        }
        throw new TimeoutException($"The server was not ready within {ReadyTimeout.TotalSeconds} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
