using System.Globalization;
using InboxApp.Auth;
using InboxApp.Core.Channels;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace InboxApp.Features.Channels;

public partial class ChannelsPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private WhatsAppAccountService Accounts { get; set; } = default!;
    [Inject] private PhoneHealthService Health { get; set; } = default!;
    [Inject] private DialogService Dialogs { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;

    private Actor? actor;
    private List<WhatsAppAccountDto> accounts = [];
    private readonly Dictionary<Guid, PhoneHealthDto> health = [];
    private readonly HashSet<Guid> checking = [];
    private ChannelAlertsPanel? alertsPanel;

    private bool CanRead => actor is { OrganizationId: not null } a && a.AtLeast(UserRole.SUPERVISOR) && !a.IsSuperAdmin;
    private bool CanManage => CanRead && actor!.AtLeast(UserRole.ADMIN);

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        if (CanRead) await ReloadAsync();
    }

    /// <summary>Once the page is live, the health of every connected account is checked with Meta (not during prerendering).</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !CanRead || !RendererInfo.IsInteractive) return;
        var connected = accounts.Where(a => a.Status == WhatsAppAccountStatus.CONNECTED).ToList();
        if (connected.Count == 0) return;
        foreach (var number in connected.SelectMany(a => a.PhoneNumbers)) checking.Add(number.Id);
        StateHasChanged();
        foreach (var account in connected)
        {
            try
            {
                var result = await Health.CheckAccountAsync(actor!, account.Id);
                foreach (var number in result.PhoneNumbers) health[number.PhoneNumberId] = number;
            }
            catch (InboxException e)
            {
                Notifications.Notify(NotificationSeverity.Warning, $"Could not check {account.Alias}", e.Message);
            }
        }
        checking.Clear();
        await ReloadAsync();
        StateHasChanged();
    }

    private async Task ReloadAsync()
    {
        accounts = [.. await Accounts.ListAsync(actor!)];
        if (alertsPanel is not null) await alertsPanel.ReloadAsync();
    }

    private async Task CheckNumberAsync(PhoneNumberDto number)
    {
        checking.Add(number.Id);
        try
        {
            health[number.Id] = await Health.CheckNumberAsync(actor!, number.Id);
            await ReloadAsync();
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not check the number", e.Message);
        }
        finally
        {
            checking.Remove(number.Id);
        }
    }

    private async Task ConnectAsync()
    {
        object? result = await Dialogs.OpenAsync<ConnectManualDialog>("Connect a WhatsApp number", new Dictionary<string, object?> { ["Actor"] = actor! },
            new DialogOptions { Width = "560px" });
        if (result is not WhatsAppAccountDto connected) return;
        Notifications.Notify(NotificationSeverity.Success, $"“{connected.Alias}” connected");
        await ReloadAsync();
        if (connected.PhoneNumbers.FirstOrDefault(p => p.IsActive) is { } number) await CheckNumberAsync(number);
    }

    private async Task EditAsync(WhatsAppAccountDto account)
    {
        object? result = await Dialogs.OpenAsync<EditAccountDialog>($"Edit {account.Alias}",
            new Dictionary<string, object?> { ["Actor"] = actor!, ["Account"] = account }, new DialogOptions { Width = "560px" });
        if (result is not WhatsAppAccountDto updated) return;
        Notifications.Notify(NotificationSeverity.Success, $"“{updated.Alias}” saved");
        await ReloadAsync();
    }

    private async Task DisconnectAsync(WhatsAppAccountDto account)
    {
        var confirmed = await Dialogs.Confirm(
            $"Disconnect “{account.Alias}”? Its numbers stop receiving and sending messages at once and the access token is forgotten. " +
            "Conversations and messages are kept; you can connect the number again later.", "Disconnect account",
            new ConfirmOptions { OkButtonText = "Disconnect", CancelButtonText = "Cancel" });
        if (confirmed != true) return;
        try
        {
            await Accounts.DisconnectAsync(actor!, account.Id);
            foreach (var number in account.PhoneNumbers) health.Remove(number.Id);
            Notifications.Notify(NotificationSeverity.Success, $"“{account.Alias}” disconnected");
        }
        catch (InboxException e)
        {
            Notifications.Notify(NotificationSeverity.Error, "Could not disconnect", e.Message);
        }
        await ReloadAsync();
    }

    private static string When(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
