using System.Collections.Concurrent;
using System.Collections.Immutable;
using InboxApp.Core.Realtime;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Templates;

/// <summary>
/// Tells open pages of an organization that one of its templates changed (a webhook approved it, a sync, another admin),
/// so the templates page refreshes and admins see the new status at once. In-process: a page that misses one reloads anyway.
/// </summary>
public sealed class TemplateNotifier(ILogger<TemplateNotifier> logger) : IInProcessListener<TemplateUpdated>
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Func<TemplateUpdated, Task>>> subscribers = new();

    public IDisposable Subscribe(Guid organizationId, Func<TemplateUpdated, Task> handler)
    {
        subscribers.AddOrUpdate(organizationId, _ => [handler], (_, list) => list.Add(handler));
        return new Unsubscriber(() => subscribers.AddOrUpdate(organizationId, _ => [], (_, list) => list.Remove(handler)));
    }

    public async Task HandleAsync(TemplateUpdated e, CancellationToken ct)
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
                logger.LogWarning(ex, "A template subscriber failed");
            }
        }
    }
}
