using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Events;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Messaging;

/// <summary>A rendered template for a conversation a batch caller already found or opened, with the id its message gets.</summary>
public sealed record OutboundTemplate(Guid MessageId, SendTarget Target, TemplateContent Content, string? Text);

/// <summary>
/// Template messages added to a caller's context with their conversations touched (<see cref="MessageSender.AddTemplatesAsync"/>),
/// not saved yet: the caller adds its own changes to the same save (a campaign's recipients) and calls <see cref="SaveAsync"/>.
/// </summary>
public sealed class StoredTemplates
{
    private readonly InboxDbContext db;
    private readonly Actor actor;
    private readonly DateTimeOffset now;

    internal StoredTemplates(InboxDbContext db, Actor actor, DateTimeOffset now, IReadOnlyList<Message> messages)
    {
        this.db = db;
        this.actor = actor;
        this.now = now;
        Messages = messages;
    }

    /// <summary>The messages, in the order of the items given.</summary>
    public IReadOnlyList<Message> Messages { get; }

    /// <summary>
    /// One save for every message, conversation and outbox row (and whatever the caller added): a conversation changed
    /// meanwhile (an inbound message) is read again and touched again, as a single send does.
    /// </summary>
    /// <param name="ct">Cancels the save.</param>
    /// <param name="preparedWrites">On SQLite (<see cref="PreparedOnSqlite"/>), the caller's prepared writes of its own tracked
    /// changes, run after the tenant guard with the messages' (elsewhere EF Core's save writes them).</param>
    public async Task SaveAsync(CancellationToken ct, Func<CancellationToken, Task>? preparedWrites = null)
    {
        if (PreparedOnSqlite(db))
        {
            await SavePreparedAsync(preparedWrites, ct);
            return;
        }
        if (BatchedOnPostgres(db))
        {
            await SaveBatchedAsync(ct);
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException e) when (attempt < MessageSender.ConcurrencyRetries)
            {
                foreach (var entry in e.Entries)
                {
                    if (entry.Entity is not Conversation conversation) throw;
                    await entry.ReloadAsync(ct);
                    foreach (var message in Messages.Where(m => m.ConversationId == conversation.Id)) MessageSender.Touch(conversation, message, actor, now);
                }
            }
        }
    }

    /// <summary>
    /// Whether the save goes through statements compiled once (<see cref="SavePreparedAsync"/>): on SQLite, inside the
    /// caller's transaction (a campaign chunk's claim-and-store).
    /// </summary>
    internal static bool PreparedOnSqlite(InboxDbContext db) => db.Database.IsSqlite() && db.Database.CurrentTransaction is not null;

    /// <summary>
    /// Whether the save goes through one prepared <see cref="RowBatch"/> (<see cref="SaveBatchedAsync"/>): on PostgreSQL, inside
    /// the caller's transaction (a campaign chunk's claim-and-store).
    /// </summary>
    internal static bool BatchedOnPostgres(InboxDbContext db) => RowBatch.Supported(db) && db.Database.CurrentTransaction is not null;

    /// <summary>
    /// PostgreSQL, inside the caller's transaction: the conversations' updates, the new messages and the outbox rows in one
    /// prepared <see cref="RowBatch"/> (one round trip, each distinct statement prepared once per
    /// connection), as the webhook worker saves; EF Core's save built one command per row from the change tracker (a fifth
    /// of a PostgreSQL campaign's CPU, session 15's profile). Changes are detected once, for the tracked rows only. A conversation changed meanwhile (an
    /// inbound message: nothing locks it here) is read again and touched again, and only its update is sent again (the
    /// batch's other statements ran: an update that finds no row is no error). EF Core saves whatever else is tracked, if anything.
    /// </summary>
    private async Task SaveBatchedAsync(CancellationToken ct)
    {
        await db.PrepareOutboxAsync(ct);
        var outbox = db.TakeOutboxRows();
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            // Changes detected once, and only where they can be: an added row is inserted with its current values (the messages,
            // which carry their organization already), so only the tracked ones (the conversations touched) are compared with
            // their snapshots; EF Core's save compared every entity's every property, and did so again in each step.
            foreach (var entry in db.ChangeTracker.Entries())
            {
                if (entry.State != EntityState.Added) entry.DetectChanges();
            }
            db.GuardTenant(); // what SaveChanges does first: new rows get the organization
            for (var attempt = 1; ; attempt++)
            {
                var batch = RowBatch.For(db);
                batch.UpdateModified<Conversation>();
                if (attempt == 1)
                {
                    batch.InsertAdded<Message>();
                    batch.Insert(outbox);
                }
                try
                {
                    await batch.ExecuteAsync(ct);
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < MessageSender.ConcurrencyRetries && batch.Conflicts.All(c => c.Entity is Conversation))
                {
                    foreach (var entry in batch.Conflicts)
                    {
                        var conversation = (Conversation)entry.Entity;
                        await entry.ReloadAsync(ct);
                        if (entry.State == EntityState.Detached) throw; // gone: the transaction rolls back
                        foreach (var message in Messages.Where(m => m.ConversationId == conversation.Id)) MessageSender.Touch(conversation, message, actor, now);
                        entry.DetectChanges();
                    }
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        if (!db.NothingToSave()) await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// SQLite, before the caller's transaction (and so before SQLite's write lane is taken): what the save does without the
    /// database. The changes detected once, the tenant guard, the NUL characters stripped, the events' outbox rows made (with
    /// the interest answers they need, one read) and taken: the events then wait for the caller's transaction, published
    /// when it commits and dropped when it rolls back. <see cref="WriteStagedAsync"/> writes the rest inside the transaction.
    /// </summary>
    internal async Task StageOnSqliteAsync(CancellationToken ct)
    {
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("Staged before the caller's SQLite transaction");
        var outbox = await db.PrepareOwnWritesAsync(ct);
        staged = (db.ChangeTracker.Entries<Message>().Where(e => e.State == EntityState.Added).ToList(), outbox);
    }

    private (List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Message>> Added, List<OutboxDelivery> Outbox)? staged;

    /// <summary>
    /// SQLite, inside the caller's transaction, after <see cref="StageOnSqliteAsync"/>: the conversations' updates
    /// (<see cref="PreparedUpdate"/>), the new messages and the outbox rows (<see cref="PreparedInsert"/>), each through one
    /// statement compiled once, and nothing else (no change detection: it was done). The conversations were read before the
    /// write lane was taken, so one may have changed meanwhile (an inbound message): its update then finds no row (the
    /// version changed) and it is read again and touched again in the same transaction, as on PostgreSQL; a conversation
    /// that is gone rolls the transaction back.
    /// </summary>
    internal async Task WriteStagedAsync(CancellationToken ct)
    {
        if (staged is not var (added, outbox) || db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Written inside the caller's transaction after StageOnSqliteAsync");
        staged = null;
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var conflicts = new List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Conversation>>();
                await PreparedUpdate.UpdateModifiedAsync(db, ct, conflicts);
                if (conflicts.Count == 0) break;
                if (attempt >= MessageSender.ConcurrencyRetries)
                    throw new DbUpdateConcurrencyException("A conversation of the chunk kept changing");
                foreach (var entry in conflicts)
                {
                    await entry.ReloadAsync(ct);
                    if (entry.State == EntityState.Detached)
                        throw new DbUpdateConcurrencyException("A conversation of the chunk is gone");
                    foreach (var message in Messages.Where(m => m.ConversationId == entry.Entity.Id)) MessageSender.Touch(entry.Entity, message, actor, now);
                    entry.DetectChanges();
                }
            }
            await PreparedInsert.InsertAsync(db, added.Select(e => e.Entity).ToList(), ct);
            foreach (var entry in added) entry.State = EntityState.Unchanged;
            await PreparedInsert.InsertAsync(db, outbox, ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        if (!db.NothingToSave()) await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// SQLite, inside the caller's transaction: the conversations' updates (<see cref="PreparedUpdate"/>), the new messages and
    /// the outbox rows (<see cref="PreparedInsert"/>) each through one statement compiled once, as the webhook worker does;
    /// EF Core's SQLite provider would build and compile one command per row (a message's insert with its indexes and search
    /// trigger, 25 of them per campaign chunk). EF Core saves whatever else is tracked (the caller's changes). The caller's
    /// transaction took SQLite's write lock with its first statement and the conversations were read after it, so nothing
    /// else can have changed them: a conflict would be a bug and rolls the transaction back.
    /// </summary>
    private async Task SavePreparedAsync(Func<CancellationToken, Task>? preparedWrites, CancellationToken ct)
    {
        var outbox = await db.PrepareOwnWritesAsync(ct);
        await PreparedUpdate.UpdateModifiedAsync<Conversation>(db, ct);
        var added = db.ChangeTracker.Entries<Message>().Where(e => e.State == EntityState.Added).ToList();
        await PreparedInsert.InsertAsync(db, added.Select(e => e.Entity).ToList(), ct);
        foreach (var entry in added) entry.State = EntityState.Unchanged;
        await PreparedInsert.InsertAsync(db, outbox, ct);
        if (preparedWrites is not null) await preparedWrites(ct);
        await db.SaveChangesAsync(ct);
    }
}

public sealed partial class MessageSender
{
    /// <summary>
    /// Adds approved templates for conversations a batch caller (a campaign) has just found or opened, to the caller's
    /// context: their conversations read in one query, each message PENDING with its conversation touched and the events a
    /// single send raises (<see cref="MessageSent"/>, <see cref="ConversationUpdated"/>). Nothing is saved: the caller saves
    /// once (<see cref="StoredTemplates.SaveAsync"/>) and then dispatches each message (<see cref="DispatchStoredAsync"/>).
    /// 404 when a conversation is gone or not on <paramref name="number"/>. Not for shared inbox links.
    /// </summary>
    internal async Task<StoredTemplates> AddTemplatesAsync(InboxDbContext db, Actor actor, PhoneNumber number, IReadOnlyList<OutboundTemplate> items, CancellationToken ct)
    {
        if (actor.Link is not null) throw InboxException.NotFound("Conversation");
        var org = actor.Org;
        var ids = items.Select(i => i.Target.ConversationId).Distinct().ToList();
        var conversations = await db.Conversations.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var now = clock.GetUtcNow();
        var messages = new List<Message>(items.Count);
        foreach (var item in items)
        {
            OutboundValidation.Template(item.Content);
            if (!conversations.TryGetValue(item.Target.ConversationId, out var conversation) || conversation.PhoneNumberId != number.Id)
                throw InboxException.NotFound("Conversation");
            var draft = new OutboundDraft(MessageType.TEMPLATE)
            {
                Id = item.MessageId,
                Text = string.IsNullOrWhiteSpace(item.Text) ? item.Content.Name : item.Text, ContentJson = MessageContentJson.Template(item.Content).ToJsonString(),
            };
            var message = NewMessage(draft, conversation.Id, null, actor, now);
            message.OrganizationId = org; // set before it is tracked: the save's tenant guard has nothing to stamp
            db.Messages.Add(message);
            db.Raise(new MessageSent(org, conversation.Id, message.Id));
            db.Raise(new ConversationUpdated(org, conversation.Id));
            Touch(conversation, message, actor, now);
            messages.Add(message);
        }
        return new StoredTemplates(db, actor, now, messages);
    }

    /// <summary>
    /// Dispatches a template stored by <see cref="AddTemplatesAsync"/> (saved), with the number and recipient the caller
    /// holds. Meta's acceptance is answered, not written: the caller records the wamids of many sends in one statement
    /// (until then a status webhook still finds the message by its callback data). Failures and UNKNOWN are recorded here.
    /// </summary>
    internal Task<DispatchOutcome> DispatchStoredAsync(Actor actor, Message message, PhoneNumber number, SendTarget target, bool numberSlotTaken,
        Func<int, CancellationToken, Task>? throughputRetry = null) =>
        dispatcher.DispatchAsync(message, new OutboundSend(actor.Org, message.Id, target.ConversationId, number, number.Account!, target.To, [], null),
            CancellationToken.None, numberSlotTaken, recordAccepted: false, throughputRetry);
}
