using System.Text.Json;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Realtime;
using InboxApp.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// Chunks (ADR 0041): the recipients the number's rate lets go in the next <see cref="CampaignsOptions.ChunkMs"/> are
/// claimed and their messages stored in one transaction at the first of their slots, then handed to Meta at once, each
/// within the campaign's rolling second and only while the campaign has not stopped.
/// </summary>
public sealed partial class CampaignSender
{
    /// <summary>A claimed recipient's stored message, ready to go to Meta.</summary>
    private sealed record StoredSend(Message Message, SendTarget Target, int Attempts);

    /// <summary>
    /// Claims the chunk's recipients (one conditional UPDATE: only PENDING ones, only while the campaign is RUNNING under
    /// this sender's lease) and stores their messages with their conversations touched and the claims' message ids (one
    /// save), in one transaction: a crash leaves either nothing (the next run sends them) or stored messages (settled by
    /// their outcome, UNKNOWN while Meta's answer is missing: never sent twice). Recipients without a usable phone or whose
    /// values do not fit the template go the single way (claimed and recorded FAILED). Answers, per recipient of the chunk,
    /// its stored send, or null. Nothing claimed (the campaign is no longer running under this lease) stops the sends.
    /// </summary>
    private async Task<StoredSend?[]> ClaimAndStoreAsync(Campaign campaign, string owner, Actor actor, PreparedBatch batch, List<CampaignRecipient> chunk, RunState run,
        CancellationToken ct)
    {
        var org = campaign.OrganizationId;
        var plan = batch.Plan!;
        var answer = new StoredSend?[chunk.Count];
        var items = new List<(int Index, OutboundTemplate Item)>(chunk.Count);
        for (var i = 0; i < chunk.Count; i++)
        {
            var r = chunk[i];
            var target = batch.Targets.GetValueOrDefault("+" + r.Phone);
            OutboundTemplate? item = null;
            if (target is not null)
            {
                try
                {
                    var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(r.VariablesJson) ?? [];
                    item = await templates.RenderPreparedAsync(actor, plan, target, values, Guid.CreateVersion7());
                }
                catch (InboxException)
                {
                    // The single way below claims it and records why.
                }
            }
            if (item is null) run.Count(await SendOneAsync(campaign, owner, plan, target, r, ct));
            else items.Add((i, item));
        }
        if (items.Count == 0) return answer;

        var ids = items.Select(x => chunk[x.Index].Id).ToList();
        var now = clock.GetUtcNow();
        var campaignId = campaign.Id;
        int claimed;
        try
        {
            await using var db = inboxDb.For(org);
            var folded = RowBatch.Supported(db);
            if (!folded && db.Database.IsSqlite())
                claimed = await ClaimAndStoreOnSqliteAsync(db, campaign, owner, actor, plan, chunk, items, answer, now, ct);
            else claimed = await db.InDeferredTransactionAsync(async () =>
            {
                if (folded)
                {
                    // PostgreSQL: the claim records each recipient's message and conversation itself and answers the rows it
                    // claimed (one statement; no claim rows to write again with the messages, no read of what it claimed).
                    var mine = await ClaimOnPostgresAsync(db, org, campaignId, owner,
                        items.Select(x => (chunk[x.Index].Id, x.Item.MessageId, x.Item.Target.ConversationId)).ToList(), now, ct);
                    if (mine.Count == 0) return 0;
                    var ours = mine.Count < items.Count ? items.Where(x => mine.Contains(chunk[x.Index].Id)).ToList() : items;
                    var saved = await templates.AddPreparedAsync(db, actor, plan, ours.Select(x => x.Item).ToList(), ct);
                    for (var k = 0; k < ours.Count; k++) answer[ours[k].Index] = new StoredSend(saved.Messages[k], ours[k].Item.Target, chunk[ours[k].Index].Attempts + 1);
                    await saved.SaveAsync(ct);
                    return mine.Count;
                }
                var n = await db.Set<CampaignRecipient>().Where(x => ids.Contains(x.Id) && x.Status == CampaignRecipientStatus.PENDING
                        && db.Set<Campaign>().Any(c => c.Id == campaignId && c.Status == CampaignStatus.RUNNING && c.LeaseOwner == owner))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CampaignRecipientStatus.SENDING).SetProperty(x => x.MessageId, (Guid?)null)
                        .SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.ClaimedAt, now).SetProperty(x => x.UpdatedAt, now), ct);
                if (n == 0) return 0;
                var kept = items;
                if (n < ids.Count)
                {
                    // Some were no longer PENDING: only the ones this statement claimed (SENDING without a message yet).
                    var mine = (await db.Set<CampaignRecipient>().Where(x => ids.Contains(x.Id) && x.Status == CampaignRecipientStatus.SENDING && x.MessageId == null)
                        .Select(x => x.Id).ToListAsync(ct)).ToHashSet();
                    kept = items.Where(x => mine.Contains(chunk[x.Index].Id)).ToList();
                }
                var stored = await templates.AddPreparedAsync(db, actor, plan, kept.Select(x => x.Item).ToList(), ct);
                for (var k = 0; k < kept.Count; k++)
                {
                    var r = chunk[kept[k].Index];
                    var message = stored.Messages[k];
                    // The claim's message and conversation, in the same save as the message (no statement of its own).
                    var entry = db.Attach(new CampaignRecipient { Id = r.Id, OrganizationId = org, CampaignId = r.CampaignId, Phone = r.Phone, PhoneKey = r.PhoneKey });
                    entry.Property(x => x.MessageId).CurrentValue = message.Id;
                    entry.Property(x => x.MessageId).IsModified = true;
                    entry.Property(x => x.ConversationId).CurrentValue = message.ConversationId;
                    entry.Property(x => x.ConversationId).IsModified = true;
                    answer[kept[k].Index] = new StoredSend(message, kept[k].Item.Target, r.Attempts + 1);
                }
                // On SQLite the claims' message ids go through one compiled UPDATE too, with the messages' prepared writes.
                await stored.SaveAsync(ct, c => PreparedUpdate.UpdateModifiedAsync<CampaignRecipient>(db, c));
                return n;
            }, ct);
        }
        catch (InboxException e)
        {
            // Nothing was claimed or stored (the transaction rolled back).
            Array.Clear(answer);
            if (e.Code is TemplateErrors.NotApproved or MessagingErrors.ChannelUnavailable || e.StatusCode == 404)
            {
                await PauseAsync(campaign, e.Message);
                run.StopSending();
            }
            // Otherwise (a conversation changed too often meanwhile) the recipients stay PENDING for the next pass.
            return answer;
        }
        if (claimed == 0) run.StopSending(); // not RUNNING under this lease any more: the run's loop finds out why
        return answer;
    }

    /// <summary>
    /// SQLite: ADR 0041's transaction with SQLite's write lane (one writer at a time for the whole process) held only for what
    /// must see the database under it. Before the lane: the connection opened, the messages built with their conversations
    /// read and touched, the events' outbox rows made (<see cref="StoredTemplates.StageOnSqliteAsync"/>). In the lane, in one
    /// transaction: each recipient claimed with its message and conversation by one compiled UPDATE
    /// (<see cref="ClaimOnSqliteAsync"/>), then the conversations, messages and outbox rows through statements compiled once
    /// (<see cref="StoredTemplates.WriteStagedAsync"/>; a conversation changed since it was read is read and touched again
    /// there). A chunk of which not every recipient could be claimed (one no longer PENDING, or the campaign no longer running
    /// under this lease) writes nothing of what was built: it rolls back and, unless none was claimed, is claimed again in a
    /// transaction that builds the claimed ones' messages inside the lane, as before (rare: a retry that a webhook settled meanwhile).
    /// </summary>
    private async Task<int> ClaimAndStoreOnSqliteAsync(InboxDbContext db, Campaign campaign, string owner, Actor actor, TemplateSendBatch plan,
        List<CampaignRecipient> chunk, List<(int Index, OutboundTemplate Item)> items, StoredSend?[] answer, DateTimeOffset now, CancellationToken ct)
    {
        var org = campaign.OrganizationId;
        var claims = items.Select(x => (chunk[x.Index].Id, x.Item.MessageId, x.Item.Target.ConversationId)).ToList();
        await db.Database.OpenConnectionAsync(ct);
        var stored = await templates.AddPreparedAsync(db, actor, plan, items.Select(x => x.Item).ToList(), ct);
        await stored.StageOnSqliteAsync(ct);
        int claimed;
        try
        {
            claimed = await db.InDeferredTransactionAsync(async () =>
            {
                var mine = await ClaimOnSqliteAsync(db, org, campaign.Id, owner, claims, now, ct);
                if (mine.Count < claims.Count) throw new PartlyClaimed(mine.Count); // rolls back: nothing built here is written
                await stored.WriteStagedAsync(ct);
                return mine.Count;
            }, ct);
        }
        catch (PartlyClaimed e)
        {
            if (e.Claimed == 0) return 0;
            await using var again = inboxDb.For(org);
            return await again.InDeferredTransactionAsync(async () =>
            {
                var mine = await ClaimOnSqliteAsync(again, org, campaign.Id, owner, claims, now, ct);
                if (mine.Count == 0) return 0;
                var kept = items.Where(x => mine.Contains(chunk[x.Index].Id)).ToList();
                var saved = await templates.AddPreparedAsync(again, actor, plan, kept.Select(x => x.Item).ToList(), ct);
                await saved.SaveAsync(ct);
                for (var k = 0; k < kept.Count; k++) answer[kept[k].Index] = new StoredSend(saved.Messages[k], kept[k].Item.Target, chunk[kept[k].Index].Attempts + 1);
                return mine.Count;
            }, ct);
        }
        for (var k = 0; k < items.Count; k++) answer[items[k].Index] = new StoredSend(stored.Messages[k], items[k].Item.Target, chunk[items[k].Index].Attempts + 1);
        return claimed;
    }

    /// <summary>Not every recipient of a SQLite chunk was claimed: its transaction rolls back.</summary>
    private sealed class PartlyClaimed(int claimed) : Exception("Not every recipient of the chunk was claimed")
    {
        public int Claimed { get; } = claimed;
    }

    /// <summary>
    /// SQLite: claims the chunk's PENDING recipients (only while the campaign is RUNNING under this sender's lease) with the
    /// message and conversation each one's send gets, by one UPDATE compiled once and run per recipient inside the chunk's
    /// transaction (the LINQ <c>ExecuteUpdate</c> was translated and parameterized for every chunk, the claims' message ids
    /// written by a second statement, and a partial claim read back). Answers the ids it claimed. The organization's rows only.
    /// </summary>
    private static async Task<HashSet<Guid>> ClaimOnSqliteAsync(InboxDbContext db, Guid org, Guid campaignId, string owner,
        List<(Guid Recipient, Guid Message, Guid Conversation)> claims, DateTimeOffset now, CancellationToken ct)
    {
        await using var claim = new PreparedStatement(db,
            $"""
             UPDATE "CampaignRecipients" SET "Status" = '{CampaignRecipientStatus.SENDING}', "MessageId" = @p0, "ConversationId" = @p1,
             "Attempts" = "Attempts" + 1, "ClaimedAt" = @p2, "UpdatedAt" = @p2
             WHERE "Id" = @p3 AND "OrganizationId" = @p4 AND "Status" = '{CampaignRecipientStatus.PENDING}'
             AND EXISTS (SELECT 1 FROM "Campaigns" AS c WHERE c."Id" = @p5 AND c."OrganizationId" = @p4 AND c."Status" = '{CampaignStatus.RUNNING}' AND c."LeaseOwner" = @p6)
             """,
            PreparedStatement.Property<CampaignRecipient>(db, nameof(CampaignRecipient.MessageId)), PreparedStatement.Property<CampaignRecipient>(db, nameof(CampaignRecipient.ConversationId)),
            PreparedStatement.Property<CampaignRecipient>(db, nameof(CampaignRecipient.ClaimedAt)), PreparedStatement.Property<CampaignRecipient>(db, nameof(CampaignRecipient.Id)),
            PreparedStatement.Property<CampaignRecipient>(db, nameof(CampaignRecipient.OrganizationId)), PreparedStatement.Property<Campaign>(db, nameof(Campaign.Id)),
            PreparedStatement.Property<Campaign>(db, nameof(Campaign.LeaseOwner)));
        var claimed = new HashSet<Guid>();
        foreach (var (recipient, message, conversation) in claims)
        {
            if (await claim.ExecuteAsync(ct, message, conversation, now, recipient, org, campaignId, owner) == 1) claimed.Add(recipient);
        }
        return claimed;
    }

    /// <summary>
    /// PostgreSQL: claims the chunk's PENDING recipients (only while the campaign is RUNNING under this sender's lease) with
    /// the message and conversation each one's send gets, in one <c>UPDATE … FROM unnest(…) RETURNING</c> inside the chunk's
    /// transaction, and answers the ids it claimed. The organization's rows only. What the other databases do in three steps
    /// (the claim, a read of what it claimed when not all were PENDING, the claims' message ids written with the messages).
    /// </summary>
    private static async Task<HashSet<Guid>> ClaimOnPostgresAsync(InboxDbContext db, Guid org, Guid campaignId, string owner,
        List<(Guid Recipient, Guid Message, Guid Conversation)> claims, DateTimeOffset now, CancellationToken ct)
    {
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new Npgsql.NpgsqlCommand(
            $"""
             UPDATE "CampaignRecipients" AS r SET "Status" = '{CampaignRecipientStatus.SENDING}', "MessageId" = v.message, "ConversationId" = v.conversation,
             "Attempts" = r."Attempts" + 1, "ClaimedAt" = $4, "UpdatedAt" = $4
             FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS v(id, message, conversation)
             WHERE r."Id" = v.id AND r."OrganizationId" = $5 AND r."Status" = '{CampaignRecipientStatus.PENDING}'
             AND EXISTS (SELECT 1 FROM "Campaigns" AS c WHERE c."Id" = $6 AND c."OrganizationId" = $5 AND c."Status" = '{CampaignStatus.RUNNING}' AND c."LeaseOwner" = $7)
             RETURNING r."Id"
             """, connection, (Npgsql.NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = claims.Select(c => c.Recipient).ToArray() });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = claims.Select(c => c.Message).ToArray() });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = claims.Select(c => c.Conversation).ToArray() });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = now });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = org });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = owner });
        var claimed = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) claimed.Add(reader.GetGuid(0));
        return claimed;
    }

    /// <summary>
    /// Sends a stored message and records its outcome (an accepted send with others, in one statement within a few ms).
    /// The dispatch's end (Meta answered, or the answer was recorded as missing) goes to <paramref name="window"/> at once.
    /// </summary>
    private async Task<Outcome> SendStoredOneAsync(Campaign campaign, TemplateSendBatch plan, CampaignRecipient r, StoredSend send, AcceptedSends accepted,
        SendWindow window, SendWindow.Departure departure)
    {
        var org = campaign.OrganizationId;
        var messageId = send.Message.Id;
        try
        {
            var actor = new Actor(null, org, UserRole.ADMIN);
            var result = await templates.DispatchPreparedAsync(actor, plan, send.Message, send.Target);
            window.Answered(departure);
            if (result is { Status: MessageStatus.PENDING, WaMessageId: { } wamid })
            {
                accepted.Add(r.Id, messageId, wamid);
                return Outcome.Sent;
            }
            return await RecordAsync(org, r.Id, messageId, send.Attempts, result.Status, result.WaMessageId, result.ErrorCode, result.ErrorTitle);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Campaign {CampaignId}: the send to recipient {RecipientId} failed unexpectedly", campaign.Id, r.Id);
            return await SettleOneAsync(org, r.Id, messageId, send.Attempts);
        }
    }

    /// <summary>The error code of a campaign message that was stored but never went out (the campaign stopped first).</summary>
    public const string NotSentCode = "CAMPAIGN_STOPPED";

    /// <summary>
    /// The campaign stopped after this send was stored but before it went out: the recipient is PENDING again (sent when the
    /// campaign resumes) and the message FAILED and discarded (it never reached Meta; nobody retries it), in one transaction.
    /// </summary>
    private async Task UnsendAsync(Guid org, Guid recipientId, Message message)
    {
        var now = clock.GetUtcNow();
        var messageId = message.Id;
        await using var db = inboxDb.For(org);
        await db.ChangeRaisingAsync(async () =>
            {
                var released = await db.Set<CampaignRecipient>().Where(x => x.Id == recipientId && x.Status == CampaignRecipientStatus.SENDING && x.MessageId == messageId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CampaignRecipientStatus.PENDING).SetProperty(x => x.MessageId, (Guid?)null)
                        .SetProperty(x => x.Attempts, x => x.Attempts > 0 ? x.Attempts - 1 : 0).SetProperty(x => x.NextAttemptAt, (DateTimeOffset?)null)
                        .SetProperty(x => x.UpdatedAt, now));
                if (released == 0) return 0;
                return await db.Messages.Where(m => m.Id == messageId && m.Status == MessageStatus.PENDING && m.WaMessageId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.FAILED).SetProperty(m => m.ErrorCode, NotSentCode)
                        .SetProperty(m => m.ErrorTitle, "Not sent: the campaign stopped before this message went out").SetProperty(m => m.FailedAt, now)
                        .SetProperty(m => m.DiscardedAt, now));
            },
            n => n == 0 ? [] : [new MessageStatusChanged(org, message.ConversationId, messageId, MessageStatus.FAILED)], CancellationToken.None);
    }
}
