namespace InboxApp.Core.Events;

/// <summary>
/// The outbox event a durable listener is handling right now (<see cref="OutboxDelivery.EventId"/>, the same for every
/// attempt): a listener that writes one row per event can key it on this id to stay idempotent. Null outside the outbox worker.
/// </summary>
public static class DurableEventContext
{
    private static readonly AsyncLocal<Guid?> current = new();

    public static Guid? EventId => current.Value;

    /// <summary>Runs <paramref name="deliver"/> with <see cref="EventId"/> set (restored afterwards).</summary>
    public static async Task RunAsync(Guid eventId, Func<Task> deliver)
    {
        current.Value = eventId;
        await deliver();
    }
}
