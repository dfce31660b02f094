using InboxApp.Core.Data;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Webhooks;

/// <summary>
/// On SQLite (one writer per file), the writers of the webhook spool (<see cref="SqliteWebhookSpool"/>: the ingestor's
/// group commits, the worker's claims and outcome records) take turns through this gate instead of meeting at the file's
/// lock: the next writer starts the moment the previous one commits, rather than after SQLite's busy handler wakes up (it
/// sleeps in growing steps up to 100 ms). The worker's message commits go to the main file and do not take part.
/// Other databases lock rows, not the database, so there the gate lets everyone through.
/// </summary>
public sealed class WebhookWriteGate(IOptions<DatabaseOptions> options)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly bool serialize = options.Value.Provider == DatabaseProvider.Sqlite;

    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        if (!serialize) return default;
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    public readonly struct Turn(SemaphoreSlim? held) : IDisposable
    {
        public void Dispose() => held?.Release();
    }
}
