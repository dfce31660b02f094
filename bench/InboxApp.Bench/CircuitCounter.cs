using Microsoft.AspNetCore.Components.Server.Circuits;

namespace InboxApp.Bench;

/// <summary>
/// Counts the server's Blazor circuits (opened and not yet closed, i.e. still held in memory, connected or retained after
/// a disconnect) and their live connections. Registered by the benchmark only, in its own host; not part of the app.
/// </summary>
public sealed class CircuitCounter : CircuitHandler
{
    private static int open;
    private static int connected;

    public static int Open => Volatile.Read(ref open);

    public static int Connected => Volatile.Read(ref connected);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref open);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref connected);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref connected);
        return Task.CompletedTask;
    }

    /// <summary>Waits until at most <paramref name="count"/> circuits are open; false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitForOpenAtMostAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Open > count)
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100);
        }
        return true;
    }
}
