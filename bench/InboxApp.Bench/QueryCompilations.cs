using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InboxApp.Bench;

/// <summary>
/// Counts EF Core query compilations (a query the cache did not have: its LINQ is translated and its shaper compiled and
/// JIT-compiled again) while <see cref="Counting"/>, by the query's first characters. A steady state should compile nothing.
/// </summary>
public sealed class QueryCompilations : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    public static readonly QueryCompilations Instance = new();
    private readonly ConcurrentDictionary<string, int> counts = new();
    public volatile bool Counting;

    public static void Install() => DiagnosticListener.AllListeners.Subscribe(Instance);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) listener.Subscribe(this);
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (!Counting || e.Key != CoreEventId.QueryCompilationStarting.Name || e.Value is not QueryExpressionEventData data) return;
        var text = data.Expression.ToString();
        counts.AddOrUpdate(text.Length > 160 ? text[..160] : text, 1, (_, n) => n + 1);
    }

    public string Summary() => counts.IsEmpty ? "none"
        : $"{counts.Values.Sum()}: " + string.Join(" | ", counts.OrderByDescending(c => c.Value).Take(5).Select(c => $"{c.Value}× {c.Key}"));

    public void OnCompleted() { }
    public void OnError(Exception error) { }
}
