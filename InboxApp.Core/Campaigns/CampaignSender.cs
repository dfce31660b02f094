using System.Text.Json;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Campaigns;

/// <summary>
/// Works through one RUNNING campaign: holds its lease (one sender at a time, across restarts and nodes), settles what a
/// stopped process left claimed, then sends batch by batch at the number's rate through <see cref="TemplateService"/>
/// (and so <see cref="MessageSender"/>: checks, pair-rate guard, Meta's errors).
/// <para>No recipient is sent twice: a recipient is claimed (SENDING, with the id its message will get) before anything is
/// stored or sent. A claimed recipient found after a crash is settled by that message: none stored means nothing went out
/// (PENDING again); stored and accepted or failed gives its outcome; stored without Meta's answer is UNKNOWN, never sent
/// again automatically (the status webhook, which carries the message id, settles it).</para>
/// </summary>
public sealed partial class CampaignSender(InboxDb inboxDb, TemplateService templates, SendThrottle throttle, IEnumerable<ICampaignRecipientFilter> filters,
    CampaignStopSignal stops, TimeProvider clock, IOptions<CampaignsOptions> options, ILogger<CampaignSender> logger)
{
    /// <summary>Runs the campaign until it is done, paused, cancelled or another sender holds it; the summary of what happened.</summary>
    public async Task<string> RunAsync(Guid campaignId, CancellationToken ct)
    {
        var o = options.Value;
        var owner = Guid.NewGuid().ToString("N");
        var lease = TimeSpan.FromSeconds(o.LeaseSeconds);
        Campaign? campaign = null;
        var waitUntil = clock.GetUtcNow() + lease * 2;
        while (campaign is null)
        {
            var state = await TakeLeaseAsync(campaignId, owner, lease, ct);
            if (state.Campaign is { } taken) campaign = taken;
            else if (state.Reason is not null) return state.Reason;
            else if (clock.GetUtcNow() > waitUntil) return "Another sender holds the campaign";
            else await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, lease.TotalMilliseconds / 4)), clock, ct);
        }

        var org = campaign.OrganizationId;
        var actor = new Actor(null, org, UserRole.ADMIN);
        var run = new RunState();
        // A pause or cancel committed in this process stops the sends waiting for their slot at once (see SendChunkAsync).
        using var watching = stops.Watch(campaignId, run.StopSending);
        // The lease is kept by its own loop (a batch may take longer than the lease); when it cannot be renewed (paused,
        // cancelled, or taken over after this sender stalled) the sends stop at once.
        using var keeping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var keeper = KeepLeaseAsync(campaignId, owner, lease, keeping);
        try
        {
            await SettleClaimedAsync(campaign, ct);
            var inFlight = o.MaxParallelSends;
            while (true)
            {
                if (keeping.IsCancellationRequested || !await RenewAsync(campaignId, owner, lease, ct))
                    return $"Stopped (not running any more) after {run.Summary}";
                var number = await NumberAsync(org, campaign.PhoneNumberId, ct);
                if (number is null)
                {
                    await FinishAsync(campaign, CampaignStatus.FAILED, ct);
                    return "The campaign's number is gone";
                }
                // The first batch of a pass: the due recipients from the start (retries included). The batches after it are
                // prepared while this one is being sent (the stream below), so sending does not pause between batches.
                PreparedBatch? first;
                try
                {
                    first = await PrepareAsync(campaign, actor, null, run, ct);
                }
                catch (InboxException e) when (e.StatusCode == 409 && e.Code is not (TemplateErrors.NotApproved or MessagingErrors.ChannelUnavailable))
                {
                    // A contact was created meanwhile, more than once in a row: the batch again shortly.
                    logger.LogInformation("Campaign {CampaignId}: {Reason}; the batch again", campaignId, e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
                    continue;
                }
                catch (InboxException e)
                {
                    await PauseAsync(campaign, e.Message);
                    return $"Paused: {e.Message}";
                }
                if (first is null)
                {
                    var now = clock.GetUtcNow();
                    DateTimeOffset? next;
                    await using (var db = inboxDb.For(org))
                    {
                        next = await db.Set<CampaignRecipient>().Where(r => r.CampaignId == campaignId && r.Status == CampaignRecipientStatus.PENDING)
                            .MinAsync(r => r.NextAttemptAt, ct);
                        if (next is null && !await db.Set<CampaignRecipient>().AnyAsync(r => r.CampaignId == campaignId && r.Status == CampaignRecipientStatus.PENDING, ct))
                        {
                            await FinishAsync(campaign, CampaignStatus.COMPLETED, ct);
                            return $"Completed: {run.Summary} in this run";
                        }
                    }
                    var wait = (next ?? now) - now;
                    var cap = lease / 3;
                    await Task.Delay(wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(50) : wait < cap ? wait : cap, clock, ct);
                    continue;
                }
                run.Resume();
                inFlight = await SendPassAsync(campaign, owner, actor, first, number, inFlight, run, keeping.Token, ct);
            }
        }
        finally
        {
            await keeping.CancelAsync();
            await keeper;
            await ReleaseAsync(campaignId, owner);
        }
    }

    /// <summary>What one run of the sender did, and whether its sends must stop; shared by the sends in flight.</summary>
    private sealed class RunState
    {
        public int Sent, Failed, Skipped;
        private long backoffUntilTicks;
        private volatile bool stop;

        public bool Stop => stop;
        public void StopSending() => stop = true;
        public void Resume() => stop = false;

        /// <summary>No claim before this (after 130429: the number's throughput was exceeded).</summary>
        public DateTimeOffset BackoffUntil => new(Interlocked.Read(ref backoffUntilTicks), TimeSpan.Zero);

        public void BackOffUntil(DateTimeOffset until)
        {
            var ticks = until.UtcTicks;
            for (var seen = Interlocked.Read(ref backoffUntilTicks); ticks > seen; seen = Interlocked.Read(ref backoffUntilTicks))
            {
                if (Interlocked.CompareExchange(ref backoffUntilTicks, ticks, seen) == seen) return;
            }
        }

        /// <summary>The campaign's sends of the last second, checked just before each Graph call (made on the first pass).</summary>
        public SendWindow? Window;

        /// <summary>
        /// Meta refused a send with 130429 (its <paramref name="attempt"/>-th): the window pauses briefly and lowers its limit,
        /// and the send is tried again at its next free place (the dispatcher's retry, instead of its fixed back-off).
        /// </summary>
        public async Task PaceThroughputRetryAsync(int attempt, CancellationToken ct)
        {
            if (Window is not { } window) return;
            window.OverRate(attempt);
            await window.WaitTurnAsync(ct);
        }

        public void Count(Outcome outcome)
        {
            switch (outcome)
            {
                case Outcome.Sent: Interlocked.Increment(ref Sent); break;
                case Outcome.Failed: Interlocked.Increment(ref Failed); break;
                case Outcome.Stop: StopSending(); break;
            }
        }

        public string Summary => $"{Volatile.Read(ref Sent)} sent, {Volatile.Read(ref Failed)} failed, {Volatile.Read(ref Skipped)} skipped";
    }

    /// <summary>A batch ready to send: its recipients left after the filters, the template plan and their conversations.</summary>
    private sealed record PreparedBatch(int LastSeq, List<CampaignRecipient> Sendable, TemplateSendBatch? Plan, IReadOnlyDictionary<string, SendTarget> Targets);

    /// <summary>
    /// Loads the next batch of due PENDING recipients (after <paramref name="afterSeq"/> when given), records the filtered
    /// ones SKIPPED, and for the rest reads the number and template once and finds or opens their conversations (the missing
    /// ones in one transaction). Nothing is claimed: a stop here sends nothing. Null when no recipient is due.
    /// </summary>
    private async Task<PreparedBatch?> PrepareAsync(Campaign campaign, Actor actor, int? afterSeq, RunState run, CancellationToken ct)
    {
        var org = campaign.OrganizationId;
        var campaignId = campaign.Id;
        var now = clock.GetUtcNow();
        var after = afterSeq ?? int.MinValue;
        List<CampaignRecipient> batch;
        await using (var db = inboxDb.For(org))
        {
            batch = await db.Set<CampaignRecipient>().AsNoTracking()
                .Where(r => r.CampaignId == campaignId && r.Status == CampaignRecipientStatus.PENDING && r.Seq > after && (r.NextAttemptAt == null || r.NextAttemptAt <= now))
                .OrderBy(r => r.Seq).Take(options.Value.BatchSize).ToListAsync(ct);
        }
        if (batch.Count == 0) return null;
        var skips = await FilterAsync(org, batch, ct);
        Interlocked.Add(ref run.Skipped, skips.Count);
        var sendable = batch.Where(r => !skips.ContainsKey(r.PhoneKey)).ToList();
        var lastSeq = batch[^1].Seq;
        if (sendable.Count == 0) return new PreparedBatch(lastSeq, sendable, null, new Dictionary<string, SendTarget>());
        var plan = await templates.PrepareBatchAsync(actor, campaign.TemplateName, campaign.PhoneNumberId, campaign.Language, ct);
        // The sender takes each send's slot in the number's rate before it claims the recipient (see SendPassAsync).
        plan.NumberPacedByCaller = true;
        // A send Meta refuses with 130429 is tried again at the campaign's next free place in its window (SendWindow.OverRate).
        plan.ThroughputRetry = run.PaceThroughputRetryAsync;
        var targets = await templates.OpenConversationsAsync(actor, plan, sendable.Select(r => "+" + r.Phone).ToList(), ct);
        return new PreparedBatch(lastSeq, sendable, plan, targets);
    }

    /// <summary>
    /// The batches after <paramref name="current"/>, each prepared while the one before it is being sent. Ends when no due
    /// recipient is left after the last batch (retries, which come earlier in the order, wait for the next pass), when the
    /// sends must stop, or when a batch cannot be prepared (the next pass prepares it again and handles the error).
    /// </summary>
    private async IAsyncEnumerable<(PreparedBatch Batch, CampaignRecipient Recipient)> StreamAsync(Campaign campaign, Actor actor, PreparedBatch first, RunState run,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var current = first;
        while (current is not null)
        {
            using var stopPrefetch = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var prefetch = PrefetchAsync(campaign, actor, current.LastSeq, run, stopPrefetch.Token);
            var handedOut = false;
            try
            {
                foreach (var r in current.Sendable)
                {
                    if (run.Stop || ct.IsCancellationRequested) yield break;
                    yield return (current, r);
                }
                handedOut = true;
            }
            finally
            {
                if (!handedOut)
                {
                    await stopPrefetch.CancelAsync();
                    try
                    {
                        await prefetch;
                    }
                    catch (Exception e) when (e is OperationCanceledException or InboxException)
                    {
                    }
                }
            }
            await PublishProgressAsync(campaign, CancellationToken.None);
            current = await prefetch;
        }
    }

    private async Task<PreparedBatch?> PrefetchAsync(Campaign campaign, Actor actor, int afterSeq, RunState run, CancellationToken ct)
    {
        try
        {
            return await PrepareAsync(campaign, actor, afterSeq, run, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (InboxException e)
        {
            logger.LogInformation("Campaign {CampaignId}: the next batch could not be prepared ahead ({Reason}); the next pass prepares it", campaign.Id, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Sends <paramref name="first"/> and the batches after it as one stream: each send waits for its slot in the number's
    /// rate (<see cref="SendThrottle.ReserveNumber"/>: no burst, at the whole rate: the window paces by Meta's answers) before its recipient is claimed, and at
    /// most the gate's limit of sends are waiting or in flight at once. The limit follows the rate (n in flight reach at most
    /// n / latency of one send per second), reached by doubling from MaxParallelSends after each round of the limit's sends while a send's
    /// mean latency stays under MaxSendLatencyMs, halved when it does not: a process that cannot keep up (CPU, the database)
    /// does not pile up sends whose answers would come too late (a Graph call that times out is UNKNOWN, never sent again).
    /// Answers the limit reached, for the next pass.
    /// </summary>
    private async Task<int> SendPassAsync(Campaign campaign, string owner, Actor actor, PreparedBatch first, PhoneNumber number, int inFlight, RunState run,
        CancellationToken keeping, CancellationToken ct)
    {
        var o = options.Value;
        var rate = Math.Clamp(number.SendRatePerSecond, 1, 1000);
        var target = Math.Clamp((int)Math.Ceiling(rate * o.ExpectedSendLatencyMs / 1000.0), o.MaxParallelSends, Math.Max(o.MaxParallelSends, o.MaxInFlight));
        var gate = new InFlightGate(Math.Min(inFlight, target));
        var latencyLock = new Lock();
        // A chunk is what the rate lets go in ChunkMs: 25 at 1,000/s, 2 at 80/s (never more than MaxChunk, nor than the gate allows).
        var chunkMax = Math.Clamp((int)(rate * o.ChunkMs / 1000.0), 1, o.MaxChunk);
        run.Window ??= new SendWindow(rate, clock);
        long latencyTicks = 0;
        var timed = 0;
        var running = new List<Task>();
        var accepted = new AcceptedSends(this, campaign.OrganizationId, clock, logger);
        using var flushing = new CancellationTokenSource();
        var flusher = accepted.FlushEveryAsync(TimeSpan.FromMilliseconds(AcceptedFlushMs), flushing.Token);
        try
        {
            await SendStreamAsync();
            await Task.WhenAll(running);
        }
        finally
        {
            try
            {
                await Task.WhenAll(running);
            }
            catch (Exception)
            {
                // The pass failed (the exception that ended it goes on); its sends in flight have finished.
            }
            await flushing.CancelAsync();
            await flusher;
            // Whatever was accepted is recorded before the pass ends (the completion check counts on it).
            await accepted.FlushAsync();
        }
        return gate.Limit;

        async Task SendStreamAsync()
        {
            var chunk = new List<CampaignRecipient>(chunkMax);
            PreparedBatch? of = null;
            await foreach (var (batch, r) in StreamAsync(campaign, actor, first, run, keeping))
            {
                if (chunk.Count > 0 && (!ReferenceEquals(batch, of) || chunk.Count >= chunkMax))
                {
                    await LaunchChunkAsync(of!, chunk);
                    chunk = new List<CampaignRecipient>(chunkMax);
                }
                if (!gate.TryTake())
                {
                    // No slot free: the chunk gathered so far goes first (its sends free the slots).
                    if (chunk.Count > 0)
                    {
                        await LaunchChunkAsync(of!, chunk);
                        chunk = new List<CampaignRecipient>(chunkMax);
                    }
                    await gate.WaitAsync(ct);
                }
                if (run.Stop || keeping.IsCancellationRequested)
                {
                    gate.Release();
                    break;
                }
                of = batch;
                chunk.Add(r);
            }
            if (chunk.Count > 0) await LaunchChunkAsync(of!, chunk);
        }

        // A chunk: its slots in the number's rate reserved in order, here, before the next chunk's; then (its own task, so a
        // slow store does not hold up the chunks after it) at its first slot its recipients are claimed and their messages
        // stored in one transaction, and all are handed to Meta at once (so a crash finds almost no message stored and not
        // yet sent: that would be UNKNOWN), each only when the campaign's last second leaves room (RollingSecond) and the
        // campaign has not stopped meanwhile.
        async Task LaunchChunkAsync(PreparedBatch batch, List<CampaignRecipient> chunk)
        {
            if (run.Stop || keeping.IsCancellationRequested)
            {
                for (var i = 0; i < chunk.Count; i++) gate.Release();
                return;
            }
            var hold = run.BackoffUntil - clock.GetUtcNow();
            if (hold > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(hold, clock, ct);
                }
                catch
                {
                    for (var i = 0; i < chunk.Count; i++) gate.Release();
                    throw;
                }
            }
            var number = batch.Plan!.Number;
            var reserved = clock.GetTimestamp();
            // At the whole rate (SendThrottle.WholeRate): the window keeps Meta's rolling second by its answers, no margin needed.
            var firstSlot = throttle.ReserveNumber(number.Id, number.SendRatePerSecond, SendThrottle.WholeRate);
            for (var i = 1; i < chunk.Count; i++) throttle.ReserveNumber(number.Id, number.SendRatePerSecond, SendThrottle.WholeRate);
            running.Add(SendChunkAsync(batch, chunk, firstSlot, reserved));
            if (running.Count >= 512) running.RemoveAll(t => t.IsCompletedSuccessfully);
        }

        async Task SendChunkAsync(PreparedBatch batch, List<CampaignRecipient> chunk, TimeSpan firstSlot, long reserved)
        {
            var held = chunk.Count;
            try
            {
                var lead = firstSlot - TimeSpan.FromMilliseconds(o.ChunkStoreLeadMs) - clock.GetElapsedTime(reserved);
                if (lead > TimeSpan.Zero) await Task.Delay(lead, clock, ct);
                if (run.Stop || keeping.IsCancellationRequested) return;
                var storing = clock.GetTimestamp();
                var stored = await ClaimAndStoreAsync(campaign, owner, actor, batch, chunk, run, ct);
                var storeTime = clock.GetElapsedTime(storing);
                var sends = new List<Task>(chunk.Count);
                for (var i = 0; i < chunk.Count; i++)
                {
                    if (stored[i] is not { } send) continue;
                    held--;
                    sends.Add(SendStoredAsync(batch, chunk[i], send, storeTime));
                }
                await Task.WhenAll(sends);
            }
            catch
            {
                run.StopSending();
                throw;
            }
            finally
            {
                for (; held > 0; held--) gate.Release();
            }
        }

        async Task SendStoredAsync(PreparedBatch batch, CampaignRecipient r, StoredSend send, TimeSpan storeTime)
        {
            try
            {
                // The message is stored: from here on its outcome is recorded whatever the caller does (no cancellation).
                var departure = await run.Window!.WaitTurnAsync(CancellationToken.None);
                if (run.Stop || keeping.IsCancellationRequested || ct.IsCancellationRequested)
                {
                    // Paused, cancelled or the lease lost before this send started: it does not go out.
                    await UnsendAsync(campaign.OrganizationId, r.Id, send.Message);
                    return;
                }
                var started = clock.GetTimestamp();
                var outcome = await SendStoredOneAsync(campaign, batch.Plan!, r, send, accepted, run.Window, departure);
                var elapsed = clock.GetElapsedTime(started) + storeTime;
                run.Count(outcome);
                if (outcome == Outcome.Throttled) run.BackOffUntil(clock.GetUtcNow().AddMilliseconds(o.ThroughputBackoffMs));
                lock (latencyLock)
                {
                    latencyTicks += elapsed.Ticks;
                    // One round of the sends in flight (like TCP's slow start): 8, 16, 32 … sends, not a batch of 200 each time.
                    if (++timed < gate.Limit) return;
                    var mean = TimeSpan.FromTicks(latencyTicks / timed);
                    latencyTicks = 0;
                    timed = 0;
                    gate.Resize(mean.TotalMilliseconds > o.MaxSendLatencyMs ? Math.Max(o.MaxParallelSends, gate.Limit / 2) : Math.Min(target, gate.Limit * 2));
                }
            }
            catch
            {
                run.StopSending();
                throw;
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>How often the sends Meta accepted are recorded SENT (one statement for all accepted meanwhile).</summary>
    private const int AcceptedFlushMs = 20;

    /// <summary>
    /// The sends Meta accepted, recorded SENT together: one conditional UPDATE per flush instead of one per send (the wamid is
    /// taken from the message row, where the dispatcher stored it). A process stopped before a flush leaves them SENDING
    /// with an accepted message, which the next run settles as SENT from that message, so nothing is sent again.
    /// </summary>
    private sealed class AcceptedSends(CampaignSender sender, Guid org, TimeProvider clock, ILogger logger)
    {
        private readonly Lock gate = new();
        private readonly SemaphoreSlim flushing = new(1, 1);
        private List<(Guid Recipient, Guid Message, string Wamid)> pending = [];

        public void Add(Guid recipientId, Guid messageId, string wamid)
        {
            lock (gate) pending.Add((recipientId, messageId, wamid));
        }

        public async Task FlushEveryAsync(TimeSpan interval, CancellationToken ct)
        {
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    await Task.Delay(interval, clock, ct);
                    try
                    {
                        await FlushAsync();
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogWarning(e, "Accepted campaign sends could not be recorded yet; trying again");
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async Task FlushAsync()
        {
            await flushing.WaitAsync();
            try
            {
                List<(Guid Recipient, Guid Message, string Wamid)> chunk;
                lock (gate)
                {
                    if (pending.Count == 0) return;
                    chunk = pending;
                    pending = [];
                }
                try
                {
                    await sender.RecordAcceptedAsync(org, chunk);
                }
                catch
                {
                    lock (gate) pending.AddRange(chunk);
                    throw;
                }
            }
            finally
            {
                flushing.Release();
            }
        }
    }

    /// <summary>
    /// Records accepted sends: their wamids on their messages, and the recipients SENT (only those still held by that claim: a
    /// webhook may be ahead), in one transaction: the messages' wamids in one save, the recipients in one conditional UPDATE.
    /// </summary>
    private async Task RecordAcceptedAsync(Guid org, List<(Guid Recipient, Guid Message, string Wamid)> chunk)
    {
        var now = clock.GetUtcNow();
        foreach (var part in chunk.Chunk(500))
        {
            var ids = part.Select(c => c.Recipient).ToList();
            var messageIds = part.Select(c => (Guid?)c.Message).ToList();
            await using var db = inboxDb.For(org);
            if (RowBatch.Supported(db))
            {
                await RecordAcceptedOnPostgresAsync(db, org, part, now);
                continue;
            }
            if (db.Database.IsSqlite())
            {
                await RecordAcceptedOnSqliteAsync(db, org, part, now);
                continue;
            }
            await db.InDeferredTransactionAsync(async () =>
            {
                foreach (var (_, messageId, wamid) in part)
                {
                    var entry = db.Messages.Attach(new Message { Id = messageId, OrganizationId = org });
                    entry.Property(m => m.WaMessageId).CurrentValue = wamid;
                    entry.Property(m => m.WaMessageId).IsModified = true;
                }
                try
                {
                    if (db.Database.IsSqlite())
                    {
                        // One compiled UPDATE for all the wamids (EF Core's SQLite provider compiles one per row).
                        db.GuardTenant();
                        await PreparedUpdate.UpdateModifiedAsync<Message>(db, CancellationToken.None);
                    }
                    await db.SaveChangesAsync(CancellationToken.None);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // A message is gone (its conversation deleted meanwhile): the others one by one.
                    db.ChangeTracker.Clear();
                    foreach (var (_, messageId, wamid) in part)
                        await db.Messages.Where(m => m.Id == messageId && m.WaMessageId == null).ExecuteUpdateAsync(x => x.SetProperty(m => m.WaMessageId, wamid));
                }
                return await db.Set<CampaignRecipient>().Where(x => ids.Contains(x.Id) && x.Status == CampaignRecipientStatus.SENDING && messageIds.Contains(x.MessageId))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CampaignRecipientStatus.SENT)
                        .SetProperty(x => x.WaMessageId, x => db.Messages.Where(m => m.Id == x.MessageId).Select(m => m.WaMessageId).FirstOrDefault())
                        .SetProperty(x => x.SentAt, now).SetProperty(x => x.ErrorCode, (string?)null).SetProperty(x => x.ErrorTitle, (string?)null)
                        .SetProperty(x => x.NextAttemptAt, (DateTimeOffset?)null).SetProperty(x => x.UpdatedAt, now), CancellationToken.None);
            }, CancellationToken.None);
        }
    }

    /// <summary>
    /// SQLite: the wamids on their messages and the recipients SENT through two statements compiled once per flush and run
    /// once per send (<see cref="PreparedStatement"/>), in one transaction; the recipient's wamid is given, not read back
    /// from its message by a correlated subquery. EF Core's save compiled the messages' UPDATE per flush and the recipients'
    /// LINQ <c>ExecuteUpdate</c> was translated and parameterized again each time (~16 ms in SQLite's write lane for ~120
    /// sends, a tenth of its time at 1,000 sends/s). The same conditions as the other databases' paths: the organization's
    /// rows only; a recipient only while its claim holds that message (a webhook may be ahead); a message that is gone is
    /// simply not updated.
    /// </summary>
    private static async Task RecordAcceptedOnSqliteAsync(InboxDbContext db, Guid org, (Guid Recipient, Guid Message, string Wamid)[] part, DateTimeOffset now)
    {
        await db.Database.OpenConnectionAsync(CancellationToken.None); // opened (and prepared) before the write lane is taken
        await db.InDeferredTransactionAsync(async () =>
        {
            await using var messages = new PreparedStatement(db,
                """UPDATE "Messages" SET "WaMessageId" = @p0 WHERE "Id" = @p1 AND "OrganizationId" = @p2""",
                PreparedStatement.Property<Message>(db, nameof(Message.WaMessageId)), PreparedStatement.Property<Message>(db, nameof(Message.Id)),
                PreparedStatement.Property<Message>(db, nameof(Message.OrganizationId)));
            await using var recipients = new PreparedStatement(db,
                $"""
                 UPDATE "CampaignRecipients" SET "Status" = '{CampaignRecipientStatus.SENT}', "WaMessageId" = @p0, "SentAt" = @p1, "ErrorCode" = NULL,
                 "ErrorTitle" = NULL, "NextAttemptAt" = NULL, "UpdatedAt" = @p1
                 WHERE "Id" = @p2 AND "OrganizationId" = @p3 AND "Status" = '{CampaignRecipientStatus.SENDING}' AND "MessageId" = @p4
                 """,
                PreparedStatement.Property<CampaignRecipient>(db, nameof(CampaignRecipient.WaMessageId)), PreparedStatement.Property<CampaignRecipient>(db, nameof(CampaignRecipient.SentAt)),
                PreparedStatement.Property<CampaignRecipient>(db, nameof(CampaignRecipient.Id)), PreparedStatement.Property<CampaignRecipient>(db, nameof(CampaignRecipient.OrganizationId)),
                PreparedStatement.Property<CampaignRecipient>(db, nameof(CampaignRecipient.MessageId)));
            var sent = 0;
            foreach (var (recipient, message, wamid) in part)
            {
                await messages.ExecuteAsync(CancellationToken.None, wamid, message, org);
                sent += await recipients.ExecuteAsync(CancellationToken.None, wamid, now, recipient, org, message);
            }
            return sent;
        }, CancellationToken.None);
    }

    /// <summary>
    /// PostgreSQL: the wamids on their messages and the recipients SENT in <b>two statements for the whole flush</b>, sent as one
    /// batch (one round trip, one implicit transaction, both prepared per connection), the rows given as arrays
    /// (<c>unnest</c>): EF Core's save wrote one UPDATE per message, built from the change tracker, in a transaction of its
    /// own (about a twentieth of a send's CPU in session 15's profile). The same conditions as the other databases' path: the
    /// organization's rows only; a recipient only while its claim holds that message (a webhook may be ahead); a message
    /// that is gone is simply not updated.
    /// </summary>
    private static async Task RecordAcceptedOnPostgresAsync(InboxDbContext db, Guid org, (Guid Recipient, Guid Message, string Wamid)[] part, DateTimeOffset now)
    {
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        try
        {
            await using var batch = new Npgsql.NpgsqlBatch(connection);
            var messages = new Npgsql.NpgsqlBatchCommand(
                """UPDATE "Messages" AS m SET "WaMessageId" = v.w FROM unnest($1::uuid[], $2::text[]) AS v(id, w) WHERE m."Id" = v.id AND m."OrganizationId" = $3""");
            messages.Parameters.Add(new Npgsql.NpgsqlParameter { Value = part.Select(p => p.Message).ToArray() });
            messages.Parameters.Add(new Npgsql.NpgsqlParameter { Value = part.Select(p => p.Wamid).ToArray() });
            messages.Parameters.Add(new Npgsql.NpgsqlParameter { Value = org });
            var recipients = new Npgsql.NpgsqlBatchCommand(
                $"""
                 UPDATE "CampaignRecipients" AS r SET "Status" = '{CampaignRecipientStatus.SENT}', "WaMessageId" = v.w, "SentAt" = $4, "ErrorCode" = NULL,
                 "ErrorTitle" = NULL, "NextAttemptAt" = NULL, "UpdatedAt" = $4
                 FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS v(id, message, w)
                 WHERE r."Id" = v.id AND r."OrganizationId" = $5 AND r."Status" = '{CampaignRecipientStatus.SENDING}' AND r."MessageId" = v.message
                 """);
            recipients.Parameters.Add(new Npgsql.NpgsqlParameter { Value = part.Select(p => p.Recipient).ToArray() });
            recipients.Parameters.Add(new Npgsql.NpgsqlParameter { Value = part.Select(p => p.Message).ToArray() });
            recipients.Parameters.Add(new Npgsql.NpgsqlParameter { Value = part.Select(p => p.Wamid).ToArray() });
            recipients.Parameters.Add(new Npgsql.NpgsqlParameter { Value = now });
            recipients.Parameters.Add(new Npgsql.NpgsqlParameter { Value = org });
            batch.BatchCommands.Add(messages);
            batch.BatchCommands.Add(recipients);
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A semaphore whose number of slots can grow and shrink while slots are taken (a shrink is paid by the next releases).</summary>
    private sealed class InFlightGate(int limit)
    {
        private readonly SemaphoreSlim slots = new(limit);
        private readonly Lock gate = new();
        private int limit = limit;
        private int debt;

        public int Limit
        {
            get
            {
                lock (gate) return limit;
            }
        }

        public Task WaitAsync(CancellationToken ct) => slots.WaitAsync(ct);

        /// <summary>A slot if one is free now.</summary>
        public bool TryTake() => slots.Wait(0);

        public void Release()
        {
            lock (gate)
            {
                if (debt > 0)
                {
                    debt--;
                    return;
                }
            }
            slots.Release();
        }

        public void Resize(int to)
        {
            var give = 0;
            lock (gate)
            {
                var delta = to - limit;
                limit = to;
                if (delta >= 0)
                {
                    var paid = Math.Min(debt, delta);
                    debt -= paid;
                    give = delta - paid;
                }
                else debt -= delta;
            }
            if (give > 0) slots.Release(give);
        }
    }

    /// <summary>Renews the lease every third of its length; cancels <paramref name="keeping"/> when it cannot.</summary>
    private async Task KeepLeaseAsync(Guid campaignId, string owner, TimeSpan lease, CancellationTokenSource keeping)
    {
        try
        {
            while (!keeping.IsCancellationRequested)
            {
                await Task.Delay(lease / 3, clock, keeping.Token);
                if (!await RenewAsync(campaignId, owner, lease, keeping.Token))
                {
                    await keeping.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Campaign {CampaignId}: the lease could not be renewed; stopping", campaignId);
            await keeping.CancelAsync();
        }
    }

    private enum Outcome { Sent, Failed, Retry, Throttled, Unknown, Stop, Skipped }

    /// <summary>
    /// Claims one recipient, sends, records the outcome (the way of a recipient a chunk cannot take: no usable phone, values
    /// that do not fit the template). The claim comes first: after it, a crash can never lead to a second send.
    /// </summary>
    private async Task<Outcome> SendOneAsync(Campaign campaign, string owner, TemplateSendBatch plan, SendTarget? target, CampaignRecipient r, CancellationToken ct)
    {
        var org = campaign.OrganizationId;
        var messageId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var conversationId = target?.ConversationId;
        await using (var db = inboxDb.For(org))
        {
            // The claim records the conversation too (known before the send): the outcome is then one conditional UPDATE.
            // Only while the campaign runs under this sender's lease: a pause or a cancel stops the next claim at once.
            var campaignId = campaign.Id;
            var claimed = await db.Set<CampaignRecipient>().Where(x => x.Id == r.Id && x.Status == CampaignRecipientStatus.PENDING
                    && db.Set<Campaign>().Any(c => c.Id == campaignId && c.Status == CampaignStatus.RUNNING && c.LeaseOwner == owner))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CampaignRecipientStatus.SENDING).SetProperty(x => x.MessageId, messageId)
                    .SetProperty(x => x.ConversationId, x => conversationId ?? x.ConversationId)
                    .SetProperty(x => x.Attempts, x => x.Attempts + 1).SetProperty(x => x.ClaimedAt, now).SetProperty(x => x.UpdatedAt, now), ct);
            if (claimed == 0) return Outcome.Skipped;
        }
        var attempts = r.Attempts + 1;
        try
        {
            if (target is null) throw InboxException.Invalid("phone", "phone must be a phone number with its country code, such as +14155550123");
            var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(r.VariablesJson) ?? [];
            var actor = new Actor(null, org, UserRole.ADMIN);
            // From here on the claim stands: whatever the caller does, the outcome is recorded.
            var result = await templates.SendPreparedAsync(actor, plan, target, values, messageId, CancellationToken.None);
            return await RecordAsync(org, r.Id, messageId, attempts, result.Status, result.WaMessageId, result.ErrorCode, result.ErrorTitle);
        }
        catch (InboxException e)
        {
            // Refused before anything was stored (the message row is made last): nothing went out.
            if (await MessageExistsAsync(org, messageId)) return await SettleOneAsync(org, r.Id, messageId, attempts);
            if (e.Code is TemplateErrors.NotApproved or MessagingErrors.ChannelUnavailable || e.StatusCode == 404)
            {
                await ReleaseClaimAsync(org, r.Id, messageId, null);
                await PauseAsync(campaign, e.Message);
                return Outcome.Stop;
            }
            if (e.StatusCode == 409)
            {
                await ReleaseClaimAsync(org, r.Id, messageId, clock.GetUtcNow().AddSeconds(1)); // the conversation changed meanwhile: again shortly
                return Outcome.Retry;
            }
            await FailAsync(org, r.Id, messageId, e.Code, e.Message);
            return Outcome.Failed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Campaign {CampaignId}: the send to recipient {RecipientId} failed unexpectedly", campaign.Id, r.Id);
            return await SettleOneAsync(org, r.Id, messageId, attempts);
        }
    }

    /// <summary>Records a send's outcome from its message (only while the recipient is still this claim: a webhook may be ahead).</summary>
    private async Task<Outcome> RecordAsync(Guid org, Guid recipientId, Guid messageId, int attempts, MessageStatus status, string? wamid,
        string? errorCode, string? errorTitle)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(org);
        var mine = db.Set<CampaignRecipient>().Where(x => x.Id == recipientId && x.MessageId == messageId && x.Status == CampaignRecipientStatus.SENDING);
        switch (status)
        {
            case MessageStatus.FAILED when errorCode is var code && (code == GraphApiException.Throughput.ToString() || code == GraphApiException.PairRateLimit.ToString())
                                           && attempts < o.MaxAttempts:
            {
                var throughput = code == GraphApiException.Throughput.ToString();
                var delay = throughput ? o.ThroughputBackoffMs * Math.Pow(2, attempts - 1) : o.PairRateBackoffMs;
                await mine.ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CampaignRecipientStatus.PENDING).SetProperty(x => x.NextAttemptAt, now.AddMilliseconds(delay))
                    .SetProperty(x => x.ErrorCode, code).SetProperty(x => x.ErrorTitle, errorTitle).SetProperty(x => x.UpdatedAt, now));
                return throughput ? Outcome.Throttled : Outcome.Retry;
            }
            case MessageStatus.FAILED:
                await mine.ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CampaignRecipientStatus.FAILED).SetProperty(x => x.FailedAt, now)
                    .SetProperty(x => x.ErrorCode, errorCode).SetProperty(x => x.ErrorTitle, Cut(errorTitle, 500)).SetProperty(x => x.UpdatedAt, now));
                return Outcome.Failed;
            case MessageStatus.UNKNOWN:
            case MessageStatus.PENDING when wamid is null:
                await mine.ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CampaignRecipientStatus.UNKNOWN).SetProperty(x => x.UpdatedAt, now));
                return Outcome.Unknown;
            default:
                var to = status switch
                {
                    MessageStatus.DELIVERED => CampaignRecipientStatus.DELIVERED,
                    MessageStatus.READ => CampaignRecipientStatus.READ,
                    _ => CampaignRecipientStatus.SENT,
                };
                await mine.ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, to).SetProperty(x => x.WaMessageId, wamid).SetProperty(x => x.SentAt, now)
                    .SetProperty(x => x.ErrorCode, (string?)null).SetProperty(x => x.ErrorTitle, (string?)null).SetProperty(x => x.NextAttemptAt, (DateTimeOffset?)null)
                    .SetProperty(x => x.UpdatedAt, now));
                return Outcome.Sent;
        }
    }

    /// <summary>
    /// Settles recipients a stopped sender left claimed (SENDING), by their message: none stored, PENDING again; stored,
    /// its outcome (UNKNOWN while Meta's answer is missing). Only claims older than the lease: a live sender renews it.
    /// </summary>
    private async Task SettleClaimedAsync(Campaign campaign, CancellationToken ct)
    {
        var org = campaign.OrganizationId;
        List<(Guid Id, Guid? MessageId, int Attempts)> claimed;
        await using (var db = inboxDb.For(org))
        {
            claimed = (await db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.CampaignId == campaign.Id && r.Status == CampaignRecipientStatus.SENDING)
                .Select(r => new { r.Id, r.MessageId, r.Attempts }).ToListAsync(ct)).Select(r => (r.Id, r.MessageId, r.Attempts)).ToList();
        }
        foreach (var (id, messageId, attempts) in claimed)
        {
            if (messageId is { } m) await SettleOneAsync(org, id, m, attempts);
            else await ReleaseClaimAsync(org, id, null, null);
        }
        if (claimed.Count > 0) logger.LogInformation("Campaign {CampaignId}: settled {Count} recipients claimed by a stopped sender", campaign.Id, claimed.Count);
    }

    private async Task<Outcome> SettleOneAsync(Guid org, Guid recipientId, Guid messageId, int attempts)
    {
        Message? message;
        await using (var db = inboxDb.For(org))
        {
            message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId);
        }
        if (message is null)
        {
            await ReleaseClaimAsync(org, recipientId, messageId, null);
            return Outcome.Retry;
        }
        await using (var db = inboxDb.For(org))
        {
            // A claim of an older sender may lack the conversation (rare path: after a crash or an unexpected error).
            await db.Set<CampaignRecipient>().Where(x => x.Id == recipientId && x.MessageId == messageId && x.ConversationId != message.ConversationId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConversationId, message.ConversationId));
        }
        return await RecordAsync(org, recipientId, messageId, attempts, message.Status, message.WaMessageId, message.ErrorCode, message.ErrorTitle);
    }

    private async Task<bool> MessageExistsAsync(Guid org, Guid messageId)
    {
        await using var db = inboxDb.For(org);
        return await db.Messages.AnyAsync(m => m.Id == messageId);
    }

    /// <summary>Nothing was stored for this claim: the recipient is PENDING again (at <paramref name="notBefore"/>).</summary>
    private async Task ReleaseClaimAsync(Guid org, Guid recipientId, Guid? messageId, DateTimeOffset? notBefore)
    {
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(org);
        await db.Set<CampaignRecipient>().Where(x => x.Id == recipientId && x.Status == CampaignRecipientStatus.SENDING && x.MessageId == messageId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CampaignRecipientStatus.PENDING).SetProperty(x => x.MessageId, (Guid?)null)
                .SetProperty(x => x.Attempts, x => x.Attempts > 0 ? x.Attempts - 1 : 0).SetProperty(x => x.NextAttemptAt, notBefore).SetProperty(x => x.UpdatedAt, now));
    }

    private async Task FailAsync(Guid org, Guid recipientId, Guid messageId, string code, string title)
    {
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(org);
        await db.Set<CampaignRecipient>().Where(x => x.Id == recipientId && x.Status == CampaignRecipientStatus.SENDING && x.MessageId == messageId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CampaignRecipientStatus.FAILED).SetProperty(x => x.FailedAt, now)
                .SetProperty(x => x.ErrorCode, Cut(code, 32)).SetProperty(x => x.ErrorTitle, Cut(title, 500)).SetProperty(x => x.UpdatedAt, now));
    }

    /// <summary>Asks every filter about the batch; the skipped are recorded SKIPPED with the first reason given.</summary>
    private async Task<Dictionary<string, string>> FilterAsync(Guid org, List<CampaignRecipient> batch, CancellationToken ct)
    {
        var skips = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = batch.Select(r => r.PhoneKey).ToList();
        foreach (var filter in filters)
        {
            var answer = await filter.SkipAsync(org, keys, ct);
            foreach (var (key, reason) in answer) skips.TryAdd(key, Cut(string.IsNullOrWhiteSpace(reason) ? "Skipped" : reason, 200)!);
        }
        if (skips.Count == 0) return skips;
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(org);
        foreach (var group in batch.Where(r => skips.ContainsKey(r.PhoneKey)).GroupBy(r => skips[r.PhoneKey]))
        {
            var ids = group.Select(r => r.Id).ToList();
            var reason = group.Key;
            await db.Set<CampaignRecipient>().Where(x => ids.Contains(x.Id) && x.Status == CampaignRecipientStatus.PENDING)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CampaignRecipientStatus.SKIPPED).SetProperty(x => x.SkipReason, reason).SetProperty(x => x.UpdatedAt, now), ct);
        }
        return skips;
    }

    private sealed record LeaseState(Campaign? Campaign, string? Reason);

    /// <summary>Takes the lease of a RUNNING campaign (a SCHEDULED one whose time has come starts running first).</summary>
    private async Task<LeaseState> TakeLeaseAsync(Guid campaignId, string owner, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var campaign = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null) return new LeaseState(null, "The campaign is gone");
        if (campaign.Status == CampaignStatus.SCHEDULED)
        {
            if (campaign.ScheduledAt is { } at && at > now) return new LeaseState(null, "Not due yet");
            await db.ChangeRaisingAsync(() => db.Set<Campaign>().Where(c => c.Id == campaignId && c.Status == CampaignStatus.SCHEDULED)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.RUNNING).SetProperty(c => c.StartedAt, now).SetProperty(c => c.UpdatedAt, now), ct),
                n => n == 0 ? [] : [new CampaignUpdated(campaign.OrganizationId, campaignId, nameof(CampaignStatus.RUNNING))], ct);
            campaign = await db.Set<Campaign>().AsNoTracking().FirstAsync(c => c.Id == campaignId, ct);
        }
        if (campaign.Status != CampaignStatus.RUNNING) return new LeaseState(null, $"The campaign is {campaign.Status}");
        var until = now + lease;
        var taken = await db.Set<Campaign>()
            .Where(c => c.Id == campaignId && c.Status == CampaignStatus.RUNNING && (c.LeaseOwner == null || c.LeaseUntil == null || c.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseOwner, owner).SetProperty(c => c.LeaseUntil, until), ct);
        return taken == 1 ? new LeaseState(campaign, null) : new LeaseState(null, null);
    }

    /// <summary>Extends the lease; false when the campaign is no longer RUNNING or the lease was lost.</summary>
    private async Task<bool> RenewAsync(Guid campaignId, string owner, TimeSpan lease, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + lease;
        await using var db = inboxDb.System();
        return await db.Set<Campaign>().Where(c => c.Id == campaignId && c.Status == CampaignStatus.RUNNING && c.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseUntil, until), ct) == 1;
    }

    private async Task ReleaseAsync(Guid campaignId, string owner)
    {
        await using var db = inboxDb.System();
        await db.Set<Campaign>().Where(c => c.Id == campaignId && c.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseOwner, (string?)null).SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null));
    }

    private async Task FinishAsync(Campaign campaign, CampaignStatus status, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(campaign.OrganizationId);
        await db.ChangeRaisingAsync(() => db.Set<Campaign>().Where(c => c.Id == campaign.Id && c.Status == CampaignStatus.RUNNING)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status).SetProperty(c => c.CompletedAt, now).SetProperty(c => c.UpdatedAt, now), ct),
            n => n == 0 ? [] : [new CampaignUpdated(campaign.OrganizationId, campaign.Id, status.ToString())], ct);
    }

    private async Task PauseAsync(Campaign campaign, string reason)
    {
        var now = clock.GetUtcNow();
        reason = Cut(reason, 500)!;
        await using var db = inboxDb.For(campaign.OrganizationId);
        await db.ChangeRaisingAsync(() => db.Set<Campaign>().Where(c => c.Id == campaign.Id && c.Status == CampaignStatus.RUNNING)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.PAUSED).SetProperty(c => c.PausedAt, now).SetProperty(c => c.PauseReason, reason)
                    .SetProperty(c => c.UpdatedAt, now)),
            n => n == 0 ? [] : [new CampaignUpdated(campaign.OrganizationId, campaign.Id, nameof(CampaignStatus.PAUSED))], CancellationToken.None);
    }

    private async Task PublishProgressAsync(Campaign campaign, CancellationToken ct)
    {
        await using var db = inboxDb.For(campaign.OrganizationId);
        db.Raise(new CampaignUpdated(campaign.OrganizationId, campaign.Id, nameof(CampaignStatus.RUNNING)));
        await db.SaveChangesAsync(ct);
    }

    private async Task<PhoneNumber?> NumberAsync(Guid org, Guid numberId, CancellationToken ct)
    {
        await using var db = inboxDb.For(org);
        return await db.PhoneNumbers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == numberId, ct);
    }

    private static string? Cut(string? s, int max) => s is { Length: var n } && n > max ? s[..max] : s;
}
