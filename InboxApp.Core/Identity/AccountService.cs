using System.Text.RegularExpressions;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Mail;
using InboxApp.Core.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Identity;

/// <summary>Sign-up, sign-in (password or emailed code), token refresh and the caller's own account.</summary>
public sealed partial class AccountService(
    InboxDb inboxDb, TokenService tokens, IPasswordHasher<User> hasher, IEmailSender email,
    TimeProvider clock, IOptions<AuthOptions> options, LoginLockout lockout, PublicLinks links)
{
    /// <summary>The client of a sign-in when the caller does not know it (the lockout then counts all such callers together).</summary>
    public const string UnknownClient = "unknown";

    // A password hash of nobody, verified for unknown addresses so that they take as long as known ones (no enumeration by timing).
    private static readonly User Nobody = new() { Email = "", NormalizedEmail = "", Name = "" };
    private string? nobodyHash;

    /// <summary>
    /// Self-service sign-up, step one. Nothing is created yet and the answer is the same whatever the address: a new
    /// address gets a single-use link (<see cref="AuthOptions.SignupLinkHours"/>) that creates the organization and its
    /// admin (<see cref="CompleteSignupAsync"/>); an address that already has an account gets a notice that someone tried
    /// to sign up with it, with the sign-in page's address. Both hash the password and write one mail, so neither the
    /// answer nor its time tells the caller which addresses have accounts.
    /// </summary>
    public async Task RequestSignupAsync(string organizationName, string name, string emailAddress, string password, string baseUrl, CancellationToken ct = default)
    {
        if (!options.Value.AllowRegistration) throw InboxException.Forbidden("Self-service registration is disabled");
        PasswordPolicy.Check(password);
        var root = links.Root(baseUrl);
        var now = clock.GetUtcNow();
        var normalized = User.Normalize(emailAddress);
        var address = emailAddress.Trim();
        var passwordHash = hasher.HashPassword(Nobody, password);
        await using var db = inboxDb.System();
        var holder = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized)
            .Select(u => new { u.Name, u.DeletedAt }).FirstOrDefaultAsync(ct);
        if (holder is not null)
        {
            string[] notice =
            [
                holder.DeletedAt is null ? $"Hello {holder.Name}," : "Hello,", "",
                "Someone asked to create a new InboxApp organization with this email address. The address already has an InboxApp account, and an address can belong to one account only, so no organization was created.", "",
                "If it was you: sign in with your email and password, or have a sign-in code emailed to you from the sign-in page if you forgot your password. If it was not you, ignore this email; nothing was changed.", "",
                "Sign in here:", $"{root}/login",
            ];
            await email.SendAsync(new EmailMessage(address, "Someone tried to sign up to InboxApp with your email", string.Join("\r\n", notice)), ct);
            return;
        }

        var token = Secrets.NewToken(32);
        var request = new SignupRequest
        {
            Email = address,
            NormalizedEmail = normalized,
            Name = name.Trim(),
            OrganizationName = organizationName.Trim(),
            PasswordHash = passwordHash,
            TokenHash = Secrets.Hash(token),
            CreatedAt = now,
            ExpiresAt = now.AddHours(options.Value.SignupLinkHours),
        };
        db.SignupRequests.Add(request);
        await db.SaveChangesAsync(ct);
        var expires = request.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        // The link is the last line (see InvitationService.SendAsync: nothing may follow it in the quoted-printable body).
        string[] lines =
        [
            $"Hello {request.Name},", "",
            $"Confirm your email address to create {request.OrganizationName} on InboxApp. You will be its admin.", "",
            $"The link works once and expires on {expires} UTC. If you did not ask for this, ignore this email: nothing is created without it.", "",
            "Open this link to confirm and sign in:", $"{root}/signup/{token}",
        ];
        await email.SendAsync(new EmailMessage(address, "Confirm your email to create your InboxApp organization", string.Join("\r\n", lines)), ct);
    }

    /// <summary>What the confirmation page shows for a sign-up link; 404 for an unknown link.</summary>
    public async Task<SignupLookupDto> LookupSignupAsync(string token, CancellationToken ct = default)
    {
        var hash = SignupHash(token);
        await using var db = inboxDb.System();
        var request = await db.SignupRequests.AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, ct) ?? throw InboxException.NotFound("Sign-up");
        return new SignupLookupDto(request.Email, request.Name, request.OrganizationName, StatusOf(request, clock.GetUtcNow()), request.ExpiresAt);
    }

    /// <summary>
    /// Sign-up, step two (the emailed link was opened): creates the organization and its admin with the password chosen
    /// at step one and signs the admin in. The link works once (a conditional update claims it) and only until it expires.
    /// The caller proved they hold the mailbox, so an address taken meanwhile may be named (409 EMAIL_TAKEN).
    /// </summary>
    public async Task<AuthTokens> CompleteSignupAsync(string token, CancellationToken ct = default)
    {
        if (!options.Value.AllowRegistration) throw InboxException.Forbidden("Self-service registration is disabled");
        var hash = SignupHash(token);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var request = await db.SignupRequests.AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, ct) ?? throw InboxException.NotFound("Sign-up");
        switch (StatusOf(request, now))
        {
            case SignupStatus.COMPLETED:
                throw InboxException.Conflict("This sign-up link was already used; sign in with your email and password", SignupErrors.Used);
            case SignupStatus.EXPIRED:
                throw InboxException.Conflict("This sign-up link has expired; sign up again to get a new one", SignupErrors.Expired);
        }
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == request.NormalizedEmail, ct))
            throw InboxException.Conflict("An account with this email already exists; sign in instead", ErrorCodes.EmailTaken);

        var org = new Organization
        {
            Name = request.OrganizationName,
            Slug = await UniqueSlugAsync(db, request.OrganizationName, ct),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var user = NewUser(org.Id, request.Email, request.Name, UserRole.ADMIN, now);
        user.PasswordHash = request.PasswordHash;
        user.LastLoginAt = now;
        db.Organizations.Add(org);
        db.Users.Add(user);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Of two clicks on the link at once, exactly one creates the organization.
            var claimed = await db.SignupRequests.Where(s => s.Id == request.Id && s.CompletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CompletedAt, now), ct);
            if (claimed == 0) throw InboxException.Conflict("This sign-up link was already used; sign in with your email and password", SignupErrors.Used);
            await SaveUniqueAsync(db, ct);
            await tx.CommitAsync(ct);
        }
        return await tokens.IssueAsync(user, UserDto.From(user, org), ct: ct);
    }

    private static SignupStatus StatusOf(SignupRequest request, DateTimeOffset now) =>
        request.CompletedAt is not null ? SignupStatus.COMPLETED : request.ExpiresAt <= now ? SignupStatus.EXPIRED : SignupStatus.PENDING;

    /// <summary>The stored hash of a sign-up token; a token of impossible length is simply not found.</summary>
    private static string SignupHash(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 128) throw InboxException.NotFound("Sign-up");
        return Secrets.Hash(token.Trim());
    }

    /// <summary>
    /// Password sign-in. An unknown address costs the same hashing as a known one. Failed attempts lock out
    /// <paramref name="client"/> (the caller's address) from this account for a while, not the account itself
    /// (<see cref="LoginLockout"/>).
    /// </summary>
    public async Task<AuthTokens> LoginAsync(string emailAddress, string password, string client = UnknownClient, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var normalized = User.Normalize(emailAddress);
        var user = await db.Users.Include(u => u.Organization)
            .FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && u.DeletedAt == null, ct);
        if (user?.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(Nobody, nobodyHash ??= hasher.HashPassword(Nobody, Secrets.NewToken(16)), password);
            throw InboxException.Unauthorized("Invalid email or password", ErrorCodes.InvalidCredentials);
        }
        if (lockout.IsLocked(user.Id, client))
            throw InboxException.Forbidden("Too many failed attempts; signing in from here is locked for a while", ErrorCodes.AccountLocked);

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            lockout.Failed(user.Id, client);
            throw InboxException.Unauthorized("Invalid email or password", ErrorCodes.InvalidCredentials);
        }
        lockout.Succeeded(user.Id, client);
        EnsureMayAct(user);
        if (result == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = hasher.HashPassword(user, password);
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        user.LastLoginAt = now;
        await db.SaveChangesAsync(ct);
        return await tokens.IssueAsync(user, UserDto.From(user, user.Organization), ct: ct);
    }

    public async Task<AuthTokens> RefreshAsync(string refreshToken, CancellationToken ct = default)
    {
        var (userId, familyId) = await tokens.SpendRefreshTokenAsync(refreshToken, ct);
        await using var db = inboxDb.System();
        var user = await db.Users.AsNoTracking().Include(u => u.Organization).FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, ct)
            ?? throw InboxException.Unauthorized("The account no longer exists", ErrorCodes.InvalidToken);
        EnsureMayAct(user);
        return await tokens.IssueAsync(user, UserDto.From(user, user.Organization), familyId, ct);
    }

    public async Task<UserDto> MeAsync(Actor actor, CancellationToken ct = default)
    {
        // Read before the query: inside the expression EF would wrap the 403 of an API key (no user) into a 500.
        var userId = actor.User;
        await using var db = inboxDb.System();
        var user = await db.Users.AsNoTracking().Include(u => u.Organization).FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw InboxException.NotFound("User");
        return UserDto.From(user, user.Organization);
    }

    /// <summary>
    /// Sets the caller's first password (a user who signs in with codes or was invited). Replacing a password needs the
    /// current one (<see cref="ChangePasswordAsync"/>): 409 PASSWORD_ALREADY_SET, so a stolen access token cannot take
    /// the account over for good. Other sessions end.
    /// </summary>
    public async Task<AuthTokens> SetPasswordAsync(Actor actor, string password, CancellationToken ct = default)
    {
        PasswordPolicy.Check(password);
        var user = await ChangeCredentialsAsync(actor.User, u =>
        {
            if (u.PasswordHash is not null)
                throw InboxException.Conflict("This account already has a password; change it with the current one (POST /api/v1/profile/change-password)",
                    ErrorCodes.PasswordAlreadySet);
            u.PasswordHash = hasher.HashPassword(u, password);
        }, ct);
        return await tokens.IssueAsync(user, UserDto.From(user, user.Organization), ct: ct);
    }

    public async Task<AuthTokens> ChangePasswordAsync(Actor actor, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        PasswordPolicy.Check(newPassword, "newPassword");
        var user = await ChangeCredentialsAsync(actor.User, u =>
        {
            if (u.PasswordHash is null || hasher.VerifyHashedPassword(u, u.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
                throw InboxException.Invalid("currentPassword", "The current password is not correct");
            u.PasswordHash = hasher.HashPassword(u, newPassword);
        }, ct);
        return await tokens.IssueAsync(user, UserDto.From(user, user.Organization), ct: ct);
    }

    /// <summary>Ends the caller's sign-in session on the server: its access and refresh tokens (or its cookie) are refused from now on.</summary>
    public async Task LogoutAsync(Actor actor, Guid? sessionId, CancellationToken ct = default)
    {
        var userId = actor.User;
        if (sessionId is not { } session) throw InboxException.Unauthorized("This credential has no session to end", ErrorCodes.InvalidToken);
        await tokens.RevokeSessionAsync(userId, session, ct);
    }

    /// <summary>Emails a one-time sign-in code. Answers the same whether or not the address has an account.</summary>
    public async Task RequestCodeAsync(string emailAddress, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var normalized = User.Normalize(emailAddress);
        var user = await db.Users.AsNoTracking().Include(u => u.Organization)
            .FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && u.DeletedAt == null && u.IsActive, ct);
        if (user is null || (user.Organization is { } org && org.Status != OrganizationStatus.ACTIVE)) return;

        var code = Secrets.NewNumericCode(6);
        await db.LoginCodes.Where(c => c.UserId == user.Id && c.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), ct);
        db.LoginCodes.Add(new LoginCode
        {
            UserId = user.Id,
            CodeHash = Secrets.Hash($"{user.Id:N}:{code}"),
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(options.Value.LoginCodeMinutes),
        });
        await db.SaveChangesAsync(ct);
        await email.SendAsync(new EmailMessage(user.Email, $"Your InboxApp sign-in code: {code}",
            $"Hello {user.Name},\n\nYour sign-in code is {code}. It expires in {options.Value.LoginCodeMinutes} minutes.\n\nIf you did not ask for it, ignore this email."), ct);
    }

    public async Task<AuthTokens> VerifyCodeAsync(string emailAddress, string code, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var normalized = User.Normalize(emailAddress);
        var user = await db.Users.Include(u => u.Organization)
            .FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && u.DeletedAt == null, ct);
        var invalid = InboxException.Unauthorized("The code is not valid or has expired", "INVALID_CODE");
        if (user is null) throw invalid;
        var pending = await db.LoginCodes
            .Where(c => c.UserId == user.Id && c.ConsumedAt == null)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(ct);
        if (pending is null || pending.ExpiresAt <= now || pending.Attempts >= 5) throw invalid;
        if (!Secrets.FixedTimeEquals(pending.CodeHash, Secrets.Hash($"{user.Id:N}:{code.Trim()}")))
        {
            pending.Attempts++;
            await db.SaveChangesAsync(ct);
            throw invalid;
        }
        EnsureMayAct(user);
        pending.ConsumedAt = now;
        user.LastLoginAt = now;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await db.SaveChangesAsync(ct);
        return await tokens.IssueAsync(user, UserDto.From(user, user.Organization), ct: ct);
    }

    public async Task<OrganizationSummary> CompleteOnboardingAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var org = await db.Organizations.FirstAsync(o => o.Id == actor.Org, ct);
        org.OnboardingCompleted = true;
        org.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new OrganizationSummary(org.Id, org.Name, org.Slug, org.Plan, org.Status, org.TimeZone, org.OnboardingCompleted, org.BotEnabled);
    }

    public static User NewUser(Guid? organizationId, string emailAddress, string name, UserRole role, DateTimeOffset now) => new()
    {
        OrganizationId = organizationId,
        Email = emailAddress.Trim(),
        NormalizedEmail = User.Normalize(emailAddress),
        Name = name.Trim(),
        Role = role,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Refuses users who may not act: inactive, or of a suspended or cancelled organization.</summary>
    public static void EnsureMayAct(User user)
    {
        if (!user.IsActive) throw InboxException.Forbidden("This account is deactivated", ErrorCodes.AccountInactive);
        EnsureOrganizationActive(user.Organization?.Status);
    }

    public static void EnsureOrganizationActive(OrganizationStatus? status)
    {
        if (status == OrganizationStatus.SUSPENDED)
            throw InboxException.Forbidden("The organization is suspended", ErrorCodes.OrganizationSuspended);
        if (status == OrganizationStatus.CANCELLED)
            throw InboxException.Forbidden("The organization is cancelled", ErrorCodes.OrganizationCancelled);
    }

    public static async Task<string> UniqueSlugAsync(InboxDbContext db, string name, CancellationToken ct)
    {
        var baseSlug = NonSlugChars().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');
        if (baseSlug.Length == 0) baseSlug = "org";
        if (baseSlug.Length > 80) baseSlug = baseSlug[..80].Trim('-');
        var slug = baseSlug;
        for (var i = 2; await db.Organizations.AnyAsync(o => o.Slug == slug, ct); i++) slug = $"{baseSlug}-{i}";
        return slug;
    }

    /// <summary>Saves, turning a unique-index race (same email registered twice at once) into 409.</summary>
    public static async Task SaveUniqueAsync(InboxDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw InboxException.Conflict("An account with this email already exists", ErrorCodes.EmailTaken);
        }
    }

    private async Task<User> ChangeCredentialsAsync(Guid userId, Action<User> change, CancellationToken ct)
    {
        await using var db = inboxDb.System();
        var user = await db.Users.Include(u => u.Organization).FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, ct)
            ?? throw InboxException.NotFound("User");
        change(user);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await tokens.RevokeAllForUserAsync(user.Id, ct);
        return user;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlugChars();
}

public static class SignupErrors
{
    /// <summary>The sign-up link was already used.</summary>
    public const string Used = "SIGNUP_USED";

    /// <summary>The sign-up link has expired.</summary>
    public const string Expired = "SIGNUP_EXPIRED";
}
