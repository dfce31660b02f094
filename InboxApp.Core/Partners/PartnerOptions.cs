using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Partners;

/// <summary>The embedded onboarding of partners (<c>Partners:…</c>).</summary>
public sealed class PartnerOptions
{
    public const string SectionName = "Partners";

    /// <summary>How long a connect token (and so the connect page it opens) stays usable.</summary>
    [Range(1, 24 * 60)]
    public int ConnectTokenMinutes { get; set; } = 15;

    /// <summary>How long an onboarding link's hosted page stays open.</summary>
    [Range(1, 90)]
    public int OnboardingLinkDays { get; set; } = 7;
}
