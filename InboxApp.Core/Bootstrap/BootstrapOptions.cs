namespace InboxApp.Core.Bootstrap;

public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    /// <summary>The platform's super admin, created on first start.</summary>
    public string SuperAdminEmail { get; set; } = "superadmin@inboxapp.local";

    /// <summary>When empty, a password is generated and printed once.</summary>
    public string? SuperAdminPassword { get; set; }
}

public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Create the "Acme Support" demo organization on start (idempotent).</summary>
    public bool Seed { get; set; }

    /// <summary>Password of every demo user.</summary>
    public string Password { get; set; } = "Acme-Demo-2026";
}
