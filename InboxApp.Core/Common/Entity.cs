namespace InboxApp.Core.Common;

/// <summary>Marks rows that belong to one organization; the tenant query filter and save checks apply to them.</summary>
public interface ITenantOwned
{
    Guid OrganizationId { get; set; }
}
