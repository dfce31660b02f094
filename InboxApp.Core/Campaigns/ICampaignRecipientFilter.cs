namespace InboxApp.Core.Campaigns;

/// <summary>
/// A reason not to send to some recipients (the organization's opt-out list, a suppression list). The sender asks every
/// registered filter before each batch, so a recipient who opted out during a running campaign is skipped too; a skipped
/// recipient is recorded SKIPPED with the reason. Register one with <c>services.AddSingleton&lt;ICampaignRecipientFilter, MyFilter&gt;()</c>.
/// </summary>
public interface ICampaignRecipientFilter
{
    /// <summary>
    /// Of <paramref name="phoneKeys"/> (matching keys, <see cref="Contacts.PhoneKeys.Key"/>), those not to send to, each with
    /// a short reason shown to people (at most 200 characters). Keys not in the answer are sent.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> SkipAsync(Guid organizationId, IReadOnlyCollection<string> phoneKeys, CancellationToken ct);
}
