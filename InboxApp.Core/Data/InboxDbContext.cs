using System.Linq.Expressions;
using InboxApp.Core.ApiKeys;
using InboxApp.Core.Common;
using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Events;
using InboxApp.Core.Identity;
using InboxApp.Core.Invitations;
using InboxApp.Core.Messaging;
using InboxApp.Core.Organizations;
using InboxApp.Core.QuickReplies;
using InboxApp.Core.Tags;
using InboxApp.Core.Teams;
using InboxApp.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Data;

/// <summary>
/// The application's database. Tenancy lives here, in one place: every <see cref="ITenantOwned"/> entity (and users)
/// gets a query filter on <see cref="TenantId"/>, and <see cref="SaveChangesAsync(bool, CancellationToken)"/> refuses
/// rows of another organization. A context made without a tenant sees no tenant rows at all unless it was made
/// as a system context (<see cref="IsSystem"/>). Create contexts through <see cref="InboxDb"/>.
/// <para>
/// System and tenant contexts use two models (<see cref="TenancyModelCacheKeyFactory"/>): the tenant model filters on
/// <c>OrganizationId = @TenantId</c> alone and the system model has no tenant filter. A single filter of the form
/// <c>@IsSystem OR OrganizationId = @TenantId</c> keeps the database from using any index that starts with
/// <c>OrganizationId</c> (it cannot know the parameter's value when it plans), so every tenant query scanned.
/// </para>
/// </summary>
public abstract class InboxDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The organization this context is scoped to.</summary>
    public Guid TenantId { get; internal set; }

    /// <summary>A system context (sign-in, super admin, jobs, webhooks) sees every organization.</summary>
    public bool IsSystem { get; internal set; }

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<User> Users => Set<User>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<LoginCode> LoginCodes => Set<LoginCode>();
    public DbSet<RevokedSession> RevokedSessions => Set<RevokedSession>();
    public DbSet<SignupRequest> SignupRequests => Set<SignupRequest>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<WhatsAppAccount> WhatsAppAccounts => Set<WhatsAppAccount>();
    public DbSet<PhoneNumber> PhoneNumbers => Set<PhoneNumber>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<ConversationTag> ConversationTags => Set<ConversationTag>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<QuickReply> QuickReplies => Set<QuickReply>();
    public DbSet<OutboxDelivery> OutboxDeliveries => Set<OutboxDelivery>();

    /// <summary>Routes the events raised on this context (set by <see cref="InboxDb"/>; without it raised events go nowhere).</summary>
    internal EventDispatcher? Dispatcher { get; set; }

    private List<DomainEvent>? raised;
    private List<DomainEvent>? uncommitted;
    private bool outboxWritten;
    /// <summary>The interest answers read for the raised events (<see cref="PrepareOutboxAsync"/>) and how many events they cover.</summary>
    private InterestAnswers? prepared;
    private int preparedFor;
    private bool interestChanged;
    private Organization? interestStub;

    /// <summary>
    /// The next save commits a change to configuration that <typeparamref name="TListener"/>'s interest depends on (endpoints,
    /// keywords, an off-hours reply, campaigns): it bumps the organization's <see cref="Organization.InterestStamp"/> in the
    /// same transaction, so every node's next save asks the listeners again (ADR 0040). Call before that save.
    /// </summary>
    public void InterestChanged<TListener>() where TListener : IDurableListenerInterest
    {
        if (IsSystem) throw new InvalidOperationException("Interest changes belong to one organization: use an organization's context");
        interestChanged = true;
    }

    /// <summary>Sets a new <see cref="Organization.InterestStamp"/> on the tracked organization (or on a stub updating that column only).</summary>
    private void StampInterest()
    {
        if (!interestChanged) return;
        var org = Organizations.Local.FirstOrDefault(o => o.Id == TenantId);
        if (org is null)
        {
            org = interestStub = new Organization { Id = TenantId, Name = "", Slug = "" };
            Organizations.Attach(org);
        }
        org.InterestStamp = Guid.NewGuid();
        Entry(org).Property(o => o.InterestStamp).IsModified = true;
    }

    /// <summary>
    /// Whether a <c>SaveChanges</c> now would write nothing: no raised event, no interest stamp, every tracked entity unchanged
    /// as last detected (a writer that detected the changes itself and wrote them, <see cref="RowBatch"/>, skips the save).
    /// </summary>
    internal bool NothingToSave()
    {
        if (interestChanged || raised is { Count: > 0 }) return false;
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in ChangeTracker.Entries())
            {
                if (entry.State != EntityState.Unchanged) return false;
            }
            return true;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>After the save that stamped: the stub must not answer later queries of this context for the organization.</summary>
    private void Stamped()
    {
        interestChanged = false;
        if (interestStub is null) return;
        Entry(interestStub).State = EntityState.Detached;
        interestStub = null;
    }

    /// <summary>
    /// Raises <paramref name="domainEvent"/> with the changes of the next save: its outbox rows (one per durable listener) are
    /// added to that save, so they commit or roll back with the change; once the transaction commits, the bus and the
    /// in-process listeners get it. Raising costs no round trip: an event without durable listeners writes nothing.
    /// </summary>
    public void Raise(DomainEvent domainEvent) => (raised ??= []).Add(domainEvent);

    /// <summary>Adds the outbox rows of the events raised since the last save; returns what waits for the commit.</summary>
    private List<DomainEvent>? StageEvents()
    {
        if (raised is { Count: > 0 })
        {
            foreach (var e in raised)
            {
                if (Dispatcher is null) break;
                foreach (var row in Dispatcher.OutboxRows(e, prepared))
                {
                    OutboxDeliveries.Add(row);
                    outboxWritten = true;
                }
            }
            (uncommitted ??= []).AddRange(raised);
            raised.Clear();
            prepared = null;
        }
        return uncommitted;
    }

    /// <summary>
    /// What a save does before it writes, done without the database, for a caller that writes the rows itself through
    /// statements compiled once (<see cref="PreparedInsert"/>, <see cref="PreparedUpdate"/>) on SQLite: the events' interest
    /// answers read (<see cref="PrepareOutboxAsync"/>), the changes detected once, new rows given the organization
    /// (<see cref="GuardTenant"/>), NUL characters stripped as a save's are, and the events' outbox rows made and taken
    /// (<see cref="TakeOutboxRows"/>: the events then wait for the caller's transaction). Answers those outbox rows.
    /// </summary>
    internal async Task<List<OutboxDelivery>> PrepareOwnWritesAsync(CancellationToken ct)
    {
        await PrepareOutboxAsync(ct);
        ChangeTracker.DetectChanges();
        GuardTenant();
        NulCharacterInterceptor.StripEntities(this);
        return TakeOutboxRows();
    }

    /// <summary>
    /// The outbox rows of the events raised since the last save, not tracked, for a caller that inserts them itself in its
    /// own transaction (the webhook worker's batch insert on SQLite, <see cref="PreparedInsert"/>); the events then wait for
    /// that transaction's commit, as a save's do.
    /// </summary>
    internal List<OutboxDelivery> TakeOutboxRows()
    {
        var rows = new List<OutboxDelivery>();
        if (raised is not { Count: > 0 }) return rows;
        if (Dispatcher is not null)
            foreach (var e in raised) rows.AddRange(Dispatcher.OutboxRows(e, prepared));
        (uncommitted ??= []).AddRange(raised);
        raised.Clear();
        prepared = null;
        if (rows.Count > 0) outboxWritten = true;
        return rows;
    }

    /// <summary>
    /// Loads what the durable listeners' interest tests need for the events raised so far (<see cref="EventDispatcher.PrepareAsync"/>):
    /// a caller that stages them inside a write lock (<see cref="TakeOutboxRows"/>, a deferred save) calls this first, and
    /// the save then finds them read (one read of the organizations' interest stamps per save, none inside the lock).
    /// </summary>
    internal async Task PrepareOutboxAsync(CancellationToken ct)
    {
        if (Dispatcher is null || raised is not { Count: > 0 }) return;
        if (prepared is not null && preparedFor == raised.Count) return;
        prepared = await Dispatcher.PrepareAsync(this, raised, ct);
        preparedFor = raised.Count;
    }

    /// <summary>The transaction holding the raised events committed: publish them (called once; later calls find nothing).</summary>
    internal void PublishCommitted()
    {
        if (uncommitted is not { Count: > 0 } events) return;
        var wroteOutbox = outboxWritten;
        uncommitted = null;
        outboxWritten = false;
        Dispatcher?.Committed(events, wroteOutbox);
    }

    /// <summary>The transaction rolled back: its events never happened.</summary>
    internal void DiscardUncommitted()
    {
        uncommitted = null;
        outboxWritten = false;
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, TenancyModelCacheKeyFactory>()
            .AddInterceptors(EventTransactionInterceptor.Instance, NulCharacterInterceptor.Instance);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InboxDbContext).Assembly);
        SearchFold.Map(modelBuilder);
        if (IsSystem) return; // the system model sees every organization

        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType))
            {
                var method = typeof(InboxDbContext).GetMethod(nameof(TenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(entityType.ClrType);
                modelBuilder.Entity(entityType.ClrType).HasQueryFilter((LambdaExpression)method.Invoke(this, null)!);
            }
        }
        modelBuilder.Entity<User>().HasQueryFilter(u => u.OrganizationId == TenantId);
    }

    private Expression<Func<T, bool>> TenantFilter<T>() where T : class, ITenantOwned =>
        e => e.OrganizationId == TenantId;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names: readable in SQL and stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var staged = StageEvents();
        StampInterest();
        var detect = DetectChangesOnce();
        int saved;
        try
        {
            GuardTenant();
            saved = base.SaveChanges(acceptAllChangesOnSuccess);
            Stamped();
        }
        catch
        {
            // The failed save's changes (and outbox rows) are still tracked: a later save of this context commits them.
            uncommitted = staged;
            throw;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        if (Database.CurrentTransaction is null) PublishCommitted();
        return saved;
    }

    /// <summary>
    /// Saves with the outbox rows of the raised events. Without a transaction of the caller's the save commits at once and the
    /// events are published; inside one they wait for its commit (<see cref="EventTransactionInterceptor"/>, or
    /// <see cref="SqliteWrites.InDeferredTransactionAsync"/>) and are dropped if it rolls back.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await PrepareOutboxAsync(cancellationToken);
        var staged = StageEvents();
        StampInterest();
        var detect = DetectChangesOnce();
        int saved;
        try
        {
            GuardTenant();
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            Stamped();
        }
        catch
        {
            uncommitted = staged;
            throw;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        if (Database.CurrentTransaction is null) PublishCommitted();
        return saved;
    }

    /// <summary>
    /// Detects the changes of the tracked entities once for the whole save and turns automatic detection off until the save
    /// ends (the caller restores the answer): otherwise <see cref="GuardTenant"/>, the NUL interceptor (each through
    /// <c>ChangeTracker.Entries()</c>) and EF Core's save each walked every tracked entity's snapshot again, the last two
    /// inside SQLite's write lane (three full scans per save: ~8 % of a 1,000/s campaign's CPU on SQLite). What the guard sets on a
    /// new row it detects on that entry; the NUL interceptor writes through the change tracker.
    /// </summary>
    private bool DetectChangesOnce()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (!detect) return false;
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        return true;
    }

    /// <summary>
    /// New tenant rows get the context's organization; a tenant context never writes another organization's rows. Called by
    /// every save, and by a writer that saves tracked entities itself (<see cref="RowBatch"/>) before it reads them.
    /// </summary>
    internal void GuardTenant()
    {
        if (IsSystem) return;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            if (entry.Entity is ITenantOwned owned)
            {
                if (entry.State == EntityState.Added && owned.OrganizationId == Guid.Empty)
                {
                    owned.OrganizationId = TenantId;
                    entry.DetectChanges(); // this entity only: the save's automatic detection is off (DetectChangesOnce)
                }
                if (owned.OrganizationId != TenantId)
                    throw new InvalidOperationException($"Tenant violation: {entry.Metadata.ClrType.Name} of another organization.");
            }
            else if (entry.Entity is User user)
            {
                if (entry.State == EntityState.Added && user.OrganizationId is null)
                {
                    user.OrganizationId = TenantId;
                    entry.DetectChanges();
                }
                if (user.OrganizationId != TenantId)
                    throw new InvalidOperationException("Tenant violation: user of another organization.");
            }
            else if (entry.Entity is Organization org && org.Id != TenantId)
            {
                throw new InvalidOperationException("Tenant violation: another organization.");
            }
        }
    }
}

/// <summary>One model for system contexts and one for tenant contexts (per context type), chosen when a context first needs it.</summary>
public sealed class TenancyModelCacheKeyFactory : Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context is InboxDbContext { IsSystem: true }, designTime);
}

/// <summary>One concrete context per provider, so each provider keeps its own migration set and model snapshot.</summary>
public sealed class SqliteInboxDbContext(DbContextOptions<SqliteInboxDbContext> options) : InboxDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset text; all our times are UTC, so ticks order correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresInboxDbContext(DbContextOptions<PostgresInboxDbContext> options) : InboxDbContext(options);

public sealed class SqlServerInboxDbContext(DbContextOptions<SqlServerInboxDbContext> options) : InboxDbContext(options)
{
    /// <summary>SQL Server has no unaccent: the searched columns compare without case and accents ("chloe" finds "Chloé").</summary>
    public const string SearchCollation = "Latin1_General_100_CI_AI";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Contact>(b =>
        {
            b.Property(c => c.Name).UseCollation(SearchCollation);
            b.Property(c => c.ProfileName).UseCollation(SearchCollation);
            b.Property(c => c.Username).UseCollation(SearchCollation);
        });
        modelBuilder.Entity<Message>().Property(m => m.Text).UseCollation(SearchCollation);
    }
}
