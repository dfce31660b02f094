using System.Globalization;

namespace InboxApp.E2E.Infrastructure;

/// <summary>
/// With <c>E2E_CPU_LOG=path</c>, <see cref="BrowserTest"/> appends one line per test to that file: the test, its wall
/// time and the CPU seconds spent meanwhile by Chromium (every process under Playwright's driver, with the finished
/// renderers their parents reaped), by the Playwright driver and by this test host (the app's servers, seeding, the
/// tests). Read from /proc (Linux). The figures are exact per test only when one test runs at a time
/// (<c>dotnet test InboxApp.E2E -- xUnit.ParallelizeTestCollections=false</c>); with the lanes side by side they are
/// the whole process tree's CPU during the test. Off (no /proc reads) without the variable.
/// </summary>
public static class CpuLog
{
    private static readonly string? LogPath = Environment.GetEnvironmentVariable("E2E_CPU_LOG") is { Length: > 0 } path ? path : null;

    private static readonly Lock Writing = new();

    public static bool Enabled => LogPath is not null;

    public readonly record struct Sample(DateTime At, long Chromium, long Driver, long TestHost);

    /// <summary>CPU ticks (1/100 s) of Chromium, the driver and this process now.</summary>
    public static Sample Take()
    {
        var self = Environment.ProcessId;
        var stats = new Dictionary<int, (int Parent, string Name, long Own, long Reaped)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // The process ended meanwhile.
            }
            var close = text.LastIndexOf(')');
            var open = text.IndexOf('(');
            if (close < 0 || open < 0) continue;
            var fields = text[(close + 2)..].Split(' ');
            // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
            stats[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), text[(open + 1)..close],
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture));
        }
        long chromium = 0, driver = 0;
        foreach (var (pid, stat) in stats)
        {
            if (pid == self) continue;
            // Descendants of this process: the driver (node) is its child, Chromium the driver's descendants.
            var depth = 0;
            var ancestor = stat.Parent;
            while (ancestor != self && ancestor > 1 && stats.TryGetValue(ancestor, out var up) && depth < 10)
            {
                ancestor = up.Parent;
                depth++;
            }
            if (ancestor != self) continue;
            if (depth == 0) driver += stat.Own;
            else chromium += stat.Own + stat.Reaped;
        }
        var own = stats.TryGetValue(self, out var me) ? me.Own : 0;
        return new(DateTime.UtcNow, chromium, driver, own);
    }

    public static void Write(string test, Sample before, Sample after)
    {
        if (LogPath is null) return;
        var line = string.Join('\t', test,
            ((after.At - before.At).TotalSeconds).ToString("0.00", CultureInfo.InvariantCulture),
            Seconds(after.Chromium - before.Chromium), Seconds(after.Driver - before.Driver), Seconds(after.TestHost - before.TestHost));
        lock (Writing) File.AppendAllText(LogPath, line + "\n");
    }

    private static string Seconds(long ticks) => (ticks / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
}
