using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace InboxApp.Bench;

/// <summary>
/// Counts the database commands EF Core runs in this process (its <c>CommandExecuted</c> diagnostic events, whatever the
/// log level), grouped by their first statement's verb and table, and the statements inside them (a batched save runs
/// several in one command). Hangfire's storage is not EF Core: not counted. <c>BENCH_COMMANDS=1</c> turns it on.
/// </summary>
public sealed partial class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, (int Commands, int Statements)> counts = new();
    private readonly IDisposable subscription;
    private readonly List<IDisposable> listeners = [];
    private volatile bool on;

    private CommandCounter() => subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public static CommandCounter? FromEnvironment() => Environment.GetEnvironmentVariable("BENCH_COMMANDS") == "1" ? new CommandCounter() : null;

    public void Start()
    {
        counts.Clear();
        on = true;
    }

    public void Stop() => on = false;

    /// <summary>Commands and statements per unit (a send), by kind, most first.</summary>
    public void Print(int units)
    {
        var commands = counts.Values.Sum(c => c.Commands);
        var statements = counts.Values.Sum(c => c.Statements);
        Console.WriteLine($"  EF Core commands {commands} ({commands / (double)units:F2} per send), statements {statements} ({statements / (double)units:F2} per send):");
        foreach (var (kind, (c, s)) in counts.OrderByDescending(k => k.Value.Statements).Take(20))
            Console.WriteLine($"    {c / (double)units,6:F3} commands {s / (double)units,6:F3} statements  {kind}");
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore") lock (listeners) listeners.Add(value.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (!on || value.Key != "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted") return;
        if (value.Value is not Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData data) return;
        var text = data.Command.CommandText;
        var statements = Statement().Matches(text);
        var kind = statements.Count > 0 ? Kind(statements[0]) : "?";
        if (statements.Count > 1) kind += " + " + string.Join(", ", statements.Skip(1).Select(Kind).Distinct().Take(4));
        counts.AddOrUpdate(kind, (1, Math.Max(1, statements.Count)), (_, c) => (c.Commands + 1, c.Statements + Math.Max(1, statements.Count)));
    }

    private static string Kind(Match m)
    {
        for (var g = 1; g < m.Groups.Count; g += 2)
            if (m.Groups[g].Success) return $"{m.Groups[g].Value.ToUpperInvariant()} {m.Groups[g + 1].Value.Trim('"')}";
        return "?";
    }

    /// <summary>A statement's verb and its table (the first one after FROM/INTO/UPDATE).</summary>
    [GeneratedRegex("""(?:^|;)\s*(?:(SELECT|DELETE)\b[^;]*?\bFROM\s+("?\w+"?)|(INSERT)\s+INTO\s+("?\w+"?)|(UPDATE)\s+("?\w+"?))""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Statement();

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        subscription.Dispose();
        lock (listeners) listeners.ForEach(l => l.Dispose());
    }
}
