using Hangfire;
using InboxApp.Core.Channels.Accounts;

namespace InboxApp.Core.PublicApi;

/// <summary>
/// Resyncs one number with Meta in the background (queued by <c>GET /v1/phones/{phoneId}/health</c>): the live check of
/// <see cref="PhoneHealthService"/> stores Meta's values, the capability flags and the reasons only Meta knows. The sandbox
/// resyncs without calling anyone. Idempotent: it only reads Meta and stores what it read.
/// </summary>
public sealed class PhoneHealthResyncJob(PhoneHealthService health)
{
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [10, 60])]
    public async Task<string> RunAsync(Guid organizationId, Guid phoneNumberId, CancellationToken cancellationToken) =>
        await health.ResyncNumberAsync(organizationId, phoneNumberId, cancellationToken) ? "Resynced" : "The number no longer exists";
}
