using System.Globalization;

namespace DanVanKheo.Client.Load;

/// <summary>
/// CPU and memory of the silos during a run. Orleans' management grain gives each silo's process memory and its
/// process CPU as a share of all the machine's cores (the runtime's <c>cpu-usage</c> counter, Kalman-filtered: not
/// the machine's load, which also counts the client); when the silo's process id is known (same machine), /proc
/// gives the silo process's own CPU time (100 % = one core) and its peak resident memory (VmHWM) exactly.
/// </summary>
public sealed class SiloStats(IGrainFactory grains, int? siloPid)
{
    private readonly List<double> _cpuOfAllCores = [];
    private long _startCpuTicks = -1;
    private DateTime _startedAt;

    public long PeakMemoryBytes { get; private set; }

    public double CpuOfAllCoresPercent => _cpuOfAllCores.Count == 0 ? 0 : _cpuOfAllCores.Average();

    public double? ProcessCpuPercent { get; private set; }

    /// <summary>CPU time the silo process used between <see cref="Start"/> and <see cref="Stop"/> (same machine only).</summary>
    public double? ProcessCpuSeconds { get; private set; }

    public long? ProcessPeakRssBytes { get; private set; }

    public int Silos { get; private set; }

    public long Activations { get; private set; }

    public void Start()
    {
        _startedAt = DateTime.UtcNow;
        _startCpuTicks = siloPid is { } pid ? ReadCpuTicks(pid) ?? -1 : -1;
    }

    public async Task SampleAsync()
    {
        try
        {
            var management = grains.GetGrain<IManagementGrain>(0);
            var hosts = await management.GetHosts(onlyActive: true);
            var stats = await management.GetRuntimeStatistics([.. hosts.Keys]);
            Silos = stats.Length;
            Activations = stats.Sum(s => (long)s.ActivationCount);
            var memory = stats.Sum(s => s.EnvironmentStatistics.FilteredMemoryUsageBytes);
            PeakMemoryBytes = Math.Max(PeakMemoryBytes, memory);
            var cpu = stats.Select(s => (double)s.EnvironmentStatistics.FilteredCpuUsagePercentage).DefaultIfEmpty(0).Average();
            _cpuOfAllCores.Add(cpu);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Statistics are a side show: a busy silo may time out; the next sample will do.
        }

        if (siloPid is { } pid && ReadStatus(pid, "VmHWM") is { } peak)
        {
            ProcessPeakRssBytes = peak;
        }
    }

    public void Stop()
    {
        if (siloPid is { } pid && _startCpuTicks >= 0 && ReadCpuTicks(pid) is { } end)
        {
            var seconds = (DateTime.UtcNow - _startedAt).TotalSeconds;
            // Linux reports CPU time in clock ticks of 1/100 s (USER_HZ).
            ProcessCpuSeconds = (end - _startCpuTicks) / 100.0;
            ProcessCpuPercent = seconds > 0 ? ProcessCpuSeconds / seconds * 100 : null;
        }
    }

    internal static long? ReadCpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command name: field 14 (utime) and 15 (stime) of proc(5) are at 11 and 12 here.
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long? ReadStatus(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(key + ":", StringComparison.Ordinal))
                {
                    var kb = line[(key.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
