using InboxApp.Auth;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;
using Radzen.Blazor;

namespace InboxApp.Features.Messaging;

/// <summary>Settings › Failed messages: outbound messages that did not go out, with filters, retry and discard (admins).</summary>
public partial class FailedMessagesPage
{
    private const int PageSize = 25;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [Inject] private FailedMessagesService Failed { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;
    [Inject] private DialogService Dialogs { get; set; } = default!;

    private Actor? actor;
    private bool isAdmin;
    private RadzenDataGrid<FailedMessageDto>? grid;
    private IReadOnlyList<FailedMessageDto>? items;
    private IList<FailedMessageDto> selected = [];
    private IReadOnlyList<PhoneNumberOption> numbers = [];
    private FailedMessageStats? stats;
    private int count;
    private bool loading;
    private bool busy;
    private FailedMessageState? status;
    private Guid? numberId;
    private string? errorCode;
    private DateTime? from;
    private DateTime? to;
    private string? search;
    private bool showDiscarded;

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState!).User.ToActor();
        isAdmin = actor.AtLeast(UserRole.ADMIN);
        if (!isAdmin) return;
        numbers = await Failed.PhoneNumbersAsync(actor);
        stats = await Failed.StatsAsync(actor, null, null);
        // The first page is loaded here so that it shows before the circuit starts; paging and filters use LoadData.
        await LoadDataAsync(new LoadDataArgs { Top = PageSize });
    }

    private FailedMessageFilter Filter() => new(status, numberId, errorCode, Utc(from), to is { } t ? Utc(t.Date.AddDays(1).AddTicks(-1)) : null, search, showDiscarded);

    private static DateTimeOffset? Utc(DateTime? d) => d is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private async Task LoadDataAsync(LoadDataArgs args)
    {
        loading = true;
        try
        {
            var page = await Failed.ListAsync(actor!, Filter(), args.Skip ?? 0, args.Top ?? PageSize);
            items = page.Items;
            count = page.Total;
            selected = selected.Where(s => page.Items.Any(i => i.Id == s.Id)).ToList();
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not load failed messages", e.Message);
        }
        finally
        {
            loading = false;
        }
    }

    private async Task ApplyAsync()
    {
        if (grid is null) return;
        selected = [];
        await grid.FirstPage();
        await grid.Reload();
    }

    private Task OnStatusAsync(ChangeEventArgs e)
    {
        status = Enum.TryParse<FailedMessageState>(e.Value?.ToString(), out var s) ? s : null;
        return ApplyAsync();
    }

    private Task OnNumberAsync(ChangeEventArgs e)
    {
        numberId = Guid.TryParse(e.Value?.ToString(), out var id) ? id : null;
        return ApplyAsync();
    }

    private void Toggle(FailedMessageDto message)
    {
        if (!selected.Remove(message)) selected.Add(message);
    }

    private Task RetryAsync(FailedMessageDto m) => RunAsync("Message sent again", async () =>
    {
        var dto = await Failed.RetryAsync(actor!, m.Id);
        if (dto.Status == MessageStatus.FAILED) Notifications.Notify(NotificationSeverity.Warning, "WhatsApp refused it again", dto.Error?.Title ?? "");
    });

    private async Task DiscardAsync(FailedMessageDto m)
    {
        if (await Dialogs.Confirm("Discard this message? It leaves the list and is never sent.", "Discard message",
                new ConfirmOptions { OkButtonText = "Discard", CancelButtonText = "Cancel" }) != true) return;
        await RunAsync("Message discarded", () => Failed.DiscardAsync(actor!, m.Id));
    }

    private Task BulkRetryAsync() => RunAsync(null, async () => Report("retried", await Failed.BulkRetryAsync(actor!, selected.Select(s => s.Id).ToList())));

    private async Task BulkDiscardAsync()
    {
        if (await Dialogs.Confirm($"Discard {selected.Count} messages? They leave the list and are never sent.", "Discard messages",
                new ConfirmOptions { OkButtonText = "Discard", CancelButtonText = "Cancel" }) != true) return;
        await RunAsync(null, async () => Report("discarded", await Failed.BulkDiscardAsync(actor!, selected.Select(s => s.Id).ToList())));
    }

    private void Report(string verb, BulkResult result)
    {
        var severity = result.Failed == 0 ? NotificationSeverity.Success : NotificationSeverity.Warning;
        var firstError = result.Results.FirstOrDefault(r => !r.Ok)?.Error?.Message ?? "";
        Notifications.Notify(severity, $"{result.Succeeded} {verb}, {result.Failed} not", firstError);
    }

    private async Task RunAsync(string? success, Func<Task> action)
    {
        busy = true;
        try
        {
            await action();
            if (success is not null) Notifications.Notify(NotificationSeverity.Success, success);
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Not done", e.Message);
        }
        finally
        {
            busy = false;
        }
        selected = [];
        stats = await Failed.StatsAsync(actor!, null, null);
        if (grid is not null) await grid.Reload();
    }
}
