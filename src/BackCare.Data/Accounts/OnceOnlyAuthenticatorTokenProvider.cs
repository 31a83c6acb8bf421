using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Accounts;

/// <summary>
/// Checks authenticator-app codes as Identity's own provider does (RFC 6238: HMAC-SHA1 over the 30-second step, six
/// digits, <see cref="StepsEitherWay"/> steps either side of now for clocks that drift), and lets each code work once:
/// a right code is taken only if its step is later than the last one accepted for the account, claimed in one
/// conditional update, so the same code sent twice at once still works once. Identity's provider cannot do this, since
/// it does not say which step matched. Registered under Identity's authenticator provider name, so
/// <see cref="UserManager{TUser}.VerifyTwoFactorTokenAsync"/> uses it.
/// </summary>
public sealed class OnceOnlyAuthenticatorTokenProvider(BackCareDbContext db) : IUserTwoFactorTokenProvider<Account>
{
    /// <summary>Three steps: a code is good from 90 seconds before its time to 90 seconds after.</summary>
    public const int StepsEitherWay = 3;

    private const string Base32Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The app makes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<Account> manager, Account user) => Task.FromResult("");

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<Account> manager, Account user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<Account> manager, Account user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        if (token is not { Length: 6 } || !token.All(char.IsAsciiDigit) || await manager.GetAuthenticatorKeyAsync(user) is not { } key)
        {
            return false;
        }

        var secret = FromBase32(key);
        // The wall clock, as the person's app uses, like Identity's own provider: not the app's TimeProvider, which tests
        // and simulations move.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var given = Encoding.ASCII.GetBytes(token);
        for (var step = now - StepsEitherWay; step <= now + StepsEitherWay; step++)
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step)), given))
            {
                continue;
            }

            var matched = step;
            var claimed = await db.Accounts
                .Where(a => a.Id == user.Id && (a.LastAuthenticatorStep == null || a.LastAuthenticatorStep < matched))
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.LastAuthenticatorStep, matched));
            return claimed == 1;
        }

        return false;
    }

    /// <summary>RFC 6238's code for one step: HOTP (RFC 4226) with the step as the counter.</summary>
    internal static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238's default, and what every authenticator app uses.
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var number = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return number.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The key as Identity keeps it: base 32 (RFC 4648) without padding.</summary>
    internal static byte[] FromBase32(string text)
    {
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            var value = Base32Letters.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                continue;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
