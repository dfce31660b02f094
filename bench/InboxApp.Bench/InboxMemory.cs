using System.Diagnostics;
using System.Runtime;
using Microsoft.Playwright;

namespace InboxApp.Bench;

/// <summary>
/// Server memory per connected agent. The server runs in this process; the browsers are driven from a child process
/// (<c>inbox-browsers</c> mode of this program), so the Playwright client's objects are not in the heap measured here.
/// Steps: N agents sign in (one browser context each) and wait on about:blank; the server's memory is sampled with no
/// circuit; every page opens the same conversation and becomes interactive; sampled again; the contexts are closed;
/// sampled when the connections are down and again once every circuit is released (Blazor keeps a disconnected circuit for
/// <c>CircuitOptions.DisconnectedCircuitRetentionPeriod</c> unless the browser said goodbye).
/// A sample is taken after forced, compacting full collections in the GC's aggressive mode (which also gives free heap
/// memory back to the system, so the working set follows the live heap): <c>GC.GetTotalMemory(true)</c>, the GC's committed
/// memory, the working set (VmRSS) and the private resident memory (RssAnon from /proc/self/status).
/// </summary>
public static class InboxMemory
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public sealed record Sample(string State, int Circuits, long Managed, long Committed, long WorkingSet, long RssAnon);

    /// <summary><c>BENCH_INBOX_RELEASE=0</c>: stop after the contexts are closed instead of waiting up to the retention period
    /// (3 minutes) for every circuit to be released; the per-page figures do not depend on it.</summary>
    private static bool WaitForRelease => Environment.GetEnvironmentVariable("BENCH_INBOX_RELEASE") != "0";

    public sealed record Result(int Pages, int Bubbles, double OpenSeconds, List<Sample> Samples, TimeSpan Retention, double? ReleasedAfterSeconds)
    {
        public void Print()
        {
            Console.WriteLine($"  server memory per connected agent: {Pages} pages (a browser context each, {Pages} agents), each on the conversation "
                + $"({Bubbles} bubbles rendered), all interactive after {OpenSeconds:F1} s");
            Console.WriteLine($"  {"state",-52} {"circuits",8} {"managed MB",11} {"GC committed MB",16} {"working set MB",15} {"RssAnon MB",11}");
            foreach (var s in Samples)
                Console.WriteLine($"  {s.State,-52} {s.Circuits,8} {Mb(s.Managed),11:F1} {Mb(s.Committed),16:F1} {Mb(s.WorkingSet),15:F1} {Mb(s.RssAnon),11:F1}");
            var (empty, open) = (Samples[0], Samples[1]);
            var managed = Mb(open.Managed - empty.Managed) / Pages;
            var ws = Mb(open.WorkingSet - empty.WorkingSet) / Pages;
            var anon = Mb(open.RssAnon - empty.RssAnon) / Pages;
            Console.WriteLine($"  per page: managed {managed:F2} MB, working set {ws:F2} MB, RssAnon {anon:F2} MB");
            Console.WriteLine($"  target <= 3 MB per agent: managed {(managed <= 3 ? "met" : "NOT met")}, working set {(ws <= 3 ? "met" : "NOT met")}");
            if (!WaitForRelease) return;
            Console.WriteLine($"  circuit retention period {Retention.TotalSeconds:F0} s; circuits released "
                + (ReleasedAfterSeconds is { } s2 ? $"{s2:F1} s after the contexts closed" : "NOT within the retention period + 60 s"));
            var last = Samples[^1];
            Console.WriteLine($"  after release vs 0 pages: managed {Mb(last.Managed - empty.Managed):+0.0;-0.0} MB, working set {Mb(last.WorkingSet - empty.WorkingSet):+0.0;-0.0} MB");
        }

        private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;
    }

    public static async Task<Result> RunAsync(string baseUrl, Guid conversationId, List<string> emails, TimeSpan retention)
    {
        var emailsFile = Path.GetTempFileName();
        await File.WriteAllLinesAsync(emailsFile, emails);
        using var child = StartChild(baseUrl, conversationId, emailsFile);
        try
        {
            var samples = new List<Sample>();
            await ExpectAsync(child, "signed-in", TimeSpan.FromMinutes(5));
            if (!await CircuitCounter.WaitForOpenAtMostAsync(0, retention + TimeSpan.FromSeconds(60)))
                throw new InvalidOperationException($"{CircuitCounter.Open} circuits still open before the pages were opened");
            samples.Add(await SampleAsync("0 pages (agents signed in, on about:blank)"));
            await GcDumpAsync("0-pages");

            var opened = (await CommandAsync(child, "open", "opened", TimeSpan.FromMinutes(10))).Split(' ');
            samples.Add(await SampleAsync($"{emails.Count} pages interactive on the conversation"));
            await GcDumpAsync($"{emails.Count}-pages");

            await CommandAsync(child, "close", "closed", TimeSpan.FromMinutes(2));
            var closedAt = Stopwatch.StartNew();
            while (CircuitCounter.Connected > 0 && closedAt.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
            if (CircuitCounter.Open > 0) samples.Add(await SampleAsync("contexts closed, connections down"));
            double? releasedAfter = null;
            if (WaitForRelease)
            {
                var released = await CircuitCounter.WaitForOpenAtMostAsync(0, retention + TimeSpan.FromSeconds(60));
                releasedAfter = released ? closedAt.Elapsed.TotalSeconds : null;
                samples.Add(await SampleAsync(released ? "contexts closed, every circuit released" : "contexts closed, circuits NOT released"));
            }
            await child.StandardInput.WriteLineAsync("exit");
            await child.WaitForExitAsync();
            return new Result(emails.Count, int.Parse(opened[2]), double.Parse(opened[1], System.Globalization.CultureInfo.InvariantCulture), samples, retention, releasedAfter);
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
            File.Delete(emailsFile);
        }
    }

    private static Process StartChild(string baseUrl, Guid conversationId, string emailsFile)
    {
        var host = Environment.ProcessPath!;
        var info = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") info.ArgumentList.Add(typeof(InboxMemory).Assembly.Location);
        foreach (var a in new[] { "inbox-browsers", baseUrl, conversationId.ToString(), emailsFile }) info.ArgumentList.Add(a);
        // The driver process needs little: workstation GC keeps it from reserving a heap per core.
        info.Environment["DOTNET_gcServer"] = "0";
        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the browser process");
    }

    private static async Task<string> CommandAsync(Process child, string command, string answer, TimeSpan timeout)
    {
        await child.StandardInput.WriteLineAsync(command);
        await child.StandardInput.FlushAsync();
        return await ExpectAsync(child, answer, timeout);
    }

    private static async Task<string> ExpectAsync(Process child, string answer, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await child.StandardOutput.ReadLineAsync(cts.Token)
                ?? throw new InvalidOperationException($"The browser process ended (exit code {(child.WaitForExit(5000) ? child.ExitCode : -1)}) before '{answer}'");
            if (line.StartsWith(answer, StringComparison.Ordinal)) return line;
            Console.WriteLine("  [browsers] " + line);
        }
    }

    /// <summary>
    /// With <c>BENCH_GCDUMP_DIR</c> set, writes a heap snapshot of this process there (<c>dotnet-gcdump collect</c>, which
    /// must be on the PATH or in ~/.dotnet/tools), to find out which types the pages' memory is made of:
    /// <c>dotnet-gcdump report &lt;file&gt;</c> of the two snapshots, compared.
    /// </summary>
    private static async Task GcDumpAsync(string name)
    {
        var pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Environment.GetEnvironmentVariable("BENCH_GCDUMP_DIR") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await RunToolAsync("dotnet-gcdump", name, "collect", "-p", pid, "-o", Path.Combine(dir, name + ".gcdump"));
        }
        // A full heap dump (dotnet-dump, on the PATH or in ~/.dotnet/tools) also answers which roots hold an object:
        // dotnet-dump analyze <file> -c "dumpheap -stat", "gcroot <address>".
        if (Environment.GetEnvironmentVariable("BENCH_DUMP_DIR") is { Length: > 0 } full)
        {
            Directory.CreateDirectory(full);
            await RunToolAsync("dotnet-dump", name, "collect", "-p", pid, "--type", "Heap", "-o", Path.Combine(full, name + ".dmp"));
        }
    }

    private static async Task RunToolAsync(string tool, string name, params string[] args)
    {
        var installed = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", tool);
        var info = new ProcessStartInfo(File.Exists(installed) ? installed : tool) { UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var dump = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        await dump.WaitForExitAsync();
        Console.WriteLine($"  {tool} {name}: exit code {dump.ExitCode}");
    }

    private static async Task<Sample> SampleAsync(string state)
    {
        // Let renders, interop calls and presence broadcasts finish before measuring.
        await Task.Delay(Settle);
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new Sample(state, CircuitCounter.Open, managed, GC.GetGCMemoryInfo().TotalCommittedBytes, process.WorkingSet64, RssAnon());
    }

    /// <summary>Resident anonymous memory of this process (Linux <c>RssAnon</c>): the private part of the working set.</summary>
    private static long RssAnon()
    {
        if (!File.Exists("/proc/self/status")) return 0;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("RssAnon:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    /// <summary>
    /// The child process: signs in one browser context per email, then obeys "open" (every page to the conversation,
    /// waiting until each is interactive), "close" (closes the contexts) and "exit" on standard input.
    /// </summary>
    public static async Task<int> BrowsersAsync(string[] args)
    {
        var baseUrl = args[0];
        var conversationId = Guid.Parse(args[1]);
        var emails = await File.ReadAllLinesAsync(args[2]);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright);
        var pages = new List<IPage>();
        foreach (var email in emails)
        {
            var page = await BenchBrowser.SignedInPageAsync(browser, baseUrl, email, InboxScenario.DemoPassword);
            await page.GotoAsync("about:blank");
            pages.Add(page);
        }
        Console.WriteLine($"signed-in {pages.Count}");
        while (await Console.In.ReadLineAsync() is { } command)
        {
            switch (command)
            {
                case "open":
                    var clock = Stopwatch.StartNew();
                    using (var slots = new SemaphoreSlim(4))
                    {
                        await Task.WhenAll(pages.Select(async page =>
                        {
                            await slots.WaitAsync();
                            try { await BenchBrowser.OpenConversationAsync(page, conversationId); }
                            finally { slots.Release(); }
                        }));
                    }
                    var bubbles = await pages[0].Locator("[data-testid=message]").CountAsync();
                    Console.WriteLine(FormattableString.Invariant($"opened {clock.Elapsed.TotalSeconds:F1} {bubbles}"));
                    break;
                case "close":
                    foreach (var page in pages) await page.Context.CloseAsync();
                    Console.WriteLine("closed");
                    break;
                case "exit":
                    return 0;
            }
        }
        return 0;
    }
}
