using System.Collections.Concurrent;
using System.Collections.Immutable;
using InboxApp.Core.Realtime;
using InboxApp.Core.Templates;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// Tells open pages of an organization that a campaign changed or made progress (a batch sent, a status webhook, a pause),
/// so a progress bar moves live. In-process: a page that misses one reloads anyway.
/// </summary>
public sealed class CampaignNotifier(ILogger<CampaignNotifier> logger) : IInProcessListener<CampaignUpdated>
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Func<CampaignUpdated, Task>>> subscribers = new();

    public IDisposable Subscribe(Guid organizationId, Func<CampaignUpdated, Task> handler)
    {
        subscribers.AddOrUpdate(organizationId, _ => [handler], (_, list) => list.Add(handler));
        return new Unsubscriber(() => subscribers.AddOrUpdate(organizationId, _ => [], (_, list) => list.Remove(handler)));
    }

    public async Task HandleAsync(CampaignUpdated e, CancellationToken ct)
    {
        if (!subscribers.TryGetValue(e.OrganizationId, out var handlers)) return;
        foreach (var handler in handlers)
        {
            try
            {
                await handler(e);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A campaign subscriber failed");
            }
        }
    }
}
