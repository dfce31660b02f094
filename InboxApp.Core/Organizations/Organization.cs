namespace InboxApp.Core.Organizations;

public enum OrganizationPlan { FREE, STARTER, PROFESSIONAL, ENTERPRISE }

public enum OrganizationStatus { ACTIVE, SUSPENDED, CANCELLED }

public class Organization
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public OrganizationPlan Plan { get; set; } = OrganizationPlan.FREE;
    public OrganizationStatus Status { get; set; } = OrganizationStatus.ACTIVE;
    public string TimeZone { get; set; } = "UTC";
    public bool OnboardingCompleted { get; set; }
    /// <summary>When on, new conversations start with the bot (BOT_HANDLING); otherwise they start OPEN for agents.</summary>
    public bool BotEnabled { get; set; }
    /// <summary>The partner that manages this organization as one of its accounts (embedded onboarding), if any.</summary>
    public Guid? PartnerId { get; set; }
    /// <summary>
    /// Changes, in the same transaction, with every change to configuration a durable listener's interest depends on
    /// (<see cref="Data.InboxDbContext.InterestChanged{TListener}"/>, ADR 0040): a node whose cached answers were read under
    /// another value reads them again. A new random value each time, so two changes committed at once never look alike.
    /// </summary>
    public Guid InterestStamp { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
