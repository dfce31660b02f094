using InboxApp.Core.Campaigns;

namespace InboxApp.Core.OptOuts;

/// <summary>Campaigns skip the organization's opted-out numbers: the opt-out list plugged into the sender's filters.</summary>
public sealed class OptOutRecipientFilter(OptOutList list) : ICampaignRecipientFilter
{
    public Task<IReadOnlyDictionary<string, string>> SkipAsync(Guid organizationId, IReadOnlyCollection<string> phoneKeys, CancellationToken ct) =>
        list.FindOptedOutAsync(organizationId, phoneKeys, ct);
}
