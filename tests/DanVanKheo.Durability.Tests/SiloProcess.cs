using System.Diagnostics;
using System.Text;

namespace DanVanKheo.Durability.Tests;

/// <summary>
/// A real silo process (<c>dotnet DanVanKheo.Silo.dll</c>) on PostgreSQL, configured the way an operator would:
/// environment variables only. Ports come from this project's ranges (silo 12000+, gateway 22000+ (below the Linux ephemeral range, 32768 and up, so an outgoing connection cannot hold it), HTTP 9100+).
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static int _nextSlot;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _awaited = [];
    private readonly string _connectionString;
    private Process? _process;

    private SiloProcess(string connectionString, int slot)
    {
        _connectionString = connectionString;
        SiloPort = 12010 + slot;
        GatewayPort = 22010 + slot;
        HttpPort = 9110 + slot;
    }

    /// <summary>The first admin's password on every test silo's empty system.</summary>
    public const string AdminPassword = "durable-admin-password";

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    public string Gateway => $"127.0.0.1:{GatewayPort}";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>A silo with ports of its own; call <see cref="StartAsync"/>.</summary>
    public static SiloProcess Create(TestDatabase database, string? workingDirectory = null) =>
        new(database.ConnectionString, Interlocked.Increment(ref _nextSlot) % 80) { WorkingDirectory = workingDirectory };

    /// <summary>Where the process starts; by default the build's own directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Starts the process and returns once its HTTP health endpoint answers.</summary>
    public async Task StartAsync(bool waitHealthy = true)
    {
        var start = new ProcessStartInfo("dotnet", [SiloBuild.DllPath])
        {
            WorkingDirectory = WorkingDirectory ?? Path.GetDirectoryName(SiloBuild.DllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Storage__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__Postgres"] = _connectionString;
        start.Environment["Orleans__SiloPort"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{HttpPort}";
        start.Environment["DOTNET_gcServer"] = "0"; // several silos share two cores with the test
        start.Environment["Auth__AdminPassword"] = AdminPassword;
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (waitHealthy)
        {
            await WaitHealthyAsync();
        }
    }

    public async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"silo on port {SiloPort} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{HttpPort}/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"silo on port {SiloPort} did not become healthy:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed, the membership row stays "active".</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM: the silo leaves the cluster gracefully and deactivates its grains.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false })
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<(string Text, TaskCompletionSource<string> Seen)>? seen = null;
        lock (_output)
        {
            _output.AppendLine(line);
            if (_awaited.Count > 0)
            {
                seen = _awaited.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList();
                _awaited.RemoveAll(seen.Contains);
            }
        }

        if (seen is null)
        {
            return;
        }

        foreach (var (_, done) in seen)
        {
            done.TrySetResult(line);
        }
    }

    /// <summary>The first output line containing <paramref name="text"/>, already printed or still to come; throws after <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            var printed = _output.ToString().Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (printed is not null)
            {
                return printed.TrimEnd('\r');
            }

            _awaited.Add((text, seen));
        }

        try
        {
            return await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"silo on port {SiloPort} printed no line containing '{text}' in {timeout}:\n{Output}");
        }
    }
}

/// <summary>Where the silo build the tests start lives: the same configuration as the test assembly.</summary>
public static class SiloBuild
{
    public static string DllPath { get; } = Find();

    private static string Find()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var configuration = baseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var directory = new DirectoryInfo(baseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DanVanKheo.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException($"DanVanKheo.sln not found above {baseDirectory}");
        }

        var dll = Path.Combine(directory.FullName, "src", "Silo", "bin", configuration, "net10.0", "DanVanKheo.Silo.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"silo build missing: {dll}");
    }
}
