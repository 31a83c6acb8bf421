using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Xunit.Abstractions;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Hardening;

/// <summary>
/// A property of the whole app: no request, however malformed, gets a 5xx. Random bad ids, huge numbers, bad dates,
/// odd Unicode, empty and oversized bodies and wrong content types go to every route of the route table, signed in
/// and not. The random source is seeded (BACKCARE_FUZZ_SEED, else a fixed seed) and printed with every failure,
/// so a failure can be replayed; the run is bounded in count and in time.
/// </summary>
public sealed class MalformedRequestTests(BackCareFactory factory, ITestOutputHelper output) : IClassFixture<BackCareFactory>
{
    private const int RequestsPerRoute = 30;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(90);

    /// <summary>Values for ids, numbers, dates and text, as .NET strings (escaped on the way out).</summary>
    private static readonly string[] Texts =
    [
        "", " ", "0", "-1", "2147483648", "-9223372036854775809", "99999999999999999999999999", "1e400", "-1e-400", "NaN",
        "Infinity", "null", "true", "[]", "{}", "9999-12-31T23:59:59Z", "0001-01-01", "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00", "2026-02-30", "2026-13-01T25:61:61Z", "yesterday", "P1D", Guid.Empty.ToString(),
        "00000000-0000-0000-0000-00000000000g", "{00000000-0000-0000-0000-000000000000}", "../../etc/passwd", "..\\..\\windows",
        "é", "\U0001F9B4", "e\u0301", "\u202Eevil", "a\u200Bb", "\uFFFF", "\u0000", "\r\nX-Injected: 1", "<script>alert(1)</script>",
        "' OR 1=1 --", "%", "%%", "Patient", "Observation", "$everything", "telemedicine", "in_person", "/é", "//evil.example",
        new string('9', 400), new string('a', 3000), string.Concat(Enumerable.Repeat("é", 1500)),
    ];

    /// <summary>Bytes no .NET string can carry, already percent-encoded: invalid UTF-8, a NUL, an overlong slash.</summary>
    private static readonly string[] RawEscapes = ["%FF", "%ED%A0%80", "%00", "%C0%AF", "%C3", "%E2%80%AE", "%2e%2e%2f", "%0d%0a"];

    private static readonly string[] QueryNames =
        ["from", "to", "kind", "specialty", "patient", "page", "_count", "_format", "q", "s", "returnUrl", "id", "notice", "step", "date"];

    private static readonly string[] JsonFields =
    [
        "id", "age", "sex", "findings", "narrative", "language", "writer", "slotId", "reason", "assessmentId", "painScore", "spasms",
        "notes", "email", "password", "displayName", "clinicId", "text", "hook", "hookInstance", "context", "prefetch", "answers",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json", "application/fhir+json", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=", "application/xml", "application/json; charset=utf-7", "image/png", "",
    ];

    [Fact]
    public async Task Given_random_malformed_requests_to_every_route_When_sent_Then_none_gets_a_5xx()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BACKCARE_FUZZ_SEED"), CultureInfo.InvariantCulture, out var given) ? given : 14;
        var random = new Random(seed);
        var routes = RouteTable.Of(factory);
        using var anonymous = factory.CreateClient();
        using var signedIn = await People.SignedInClient(factory);
        // Ids that exist, so that a bad query reaches the code behind a found clinic or slot.
        var clinicId = (await BackCare.Web.Tests.Booking.Booking.DemoClinic(anonymous)).GetProperty("id").GetString()!;
        string[] realIds = [clinicId, await BackCare.Web.Tests.Booking.Booking.AnyFreeSlot(anonymous)];
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var sent = 0;

        for (var round = 0; round < RequestsPerRoute && clock.Elapsed < TimeLimit; round++)
        {
            foreach (var route in routes)
            {
                using var request = MalformedRequest(route, random, realIds);
                var description = $"{request.Method} {request.RequestUri} ({request.Content?.Headers.ContentType?.ToString() ?? "no body"})";
                using var response = await (random.Next(2) == 0 ? anonymous : signedIn).SendAsync(request);
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    var logged = factory.Logs.Entries.LastOrDefault(e => e.Exception is not null)?.Exception;
                    failures.Add($"{description} -> {(int)response.StatusCode} ({logged?.GetType().Name}: {logged?.Message})");
                }
            }
        }

        output.WriteLine($"seed {seed}: {sent} requests to {routes.Count} routes in {clock.Elapsed.TotalSeconds:F1} s");
        sent.ShouldBeGreaterThanOrEqualTo(routes.Count * 3, "the time limit left too few rounds to mean anything");
        failures.ShouldBeEmpty($"seed {seed} (set BACKCARE_FUZZ_SEED to replay)");
    }

    private static HttpRequestMessage MalformedRequest(Route route, Random random, string[] realIds)
    {
        // A NUL in the path never reaches the app: Kestrel refuses the request line (and the test server throws).
        var path = route.Address(parameter => random.Next(4) switch
        {
            0 => Route.Plausible(parameter),
            1 => Pick(realIds, random),
            _ => Value(random).Replace("%00", "%01", StringComparison.Ordinal),
        });
        var query = string.Join('&', Enumerable.Range(0, random.Next(4))
            .Select(_ => Uri.EscapeDataString(Pick(QueryNames, random)) + "=" + Value(random)));
        var request = new HttpRequestMessage(new HttpMethod(route.Method), query.Length == 0 ? path : path + "?" + query);
        if (route.Method is not ("GET" or "HEAD") || random.Next(6) == 0)
        {
            request.Content = Body(random);
        }

        return request;
    }

    private static string Value(Random random) =>
        random.Next(5) == 0 ? Pick(RawEscapes, random) + Uri.EscapeDataString(Pick(Texts, random)) : Uri.EscapeDataString(Pick(Texts, random));

    private static ByteArrayContent Body(Random random)
    {
        var text = random.Next(10) switch
        {
            0 => "",
            1 => new string('x', 300 * 1024),
            2 => "{\"a\":" + string.Concat(Enumerable.Repeat("[", 200)),
            3 => "{ not json",
            4 => "\uFEFF" + JsonObject(random),
            5 => "email=" + Value(random) + "&password=" + Value(random),
            6 => "[" + JsonObject(random) + "]",
            _ => JsonObject(random),
        };
        var content = new ByteArrayContent(random.Next(12) == 0 ? [0xFF, 0xFE, 0x00, 0xC3] : Encoding.UTF8.GetBytes(text));
        var type = Pick(ContentTypes, random);
        if (type.Length > 0)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", type);
        }

        return content;
    }

    private static string JsonObject(Random random)
    {
        var fields = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Pick(JsonFields, random)).Distinct();
        return "{" + string.Join(',', fields.Select(f => $"\"{f}\":{JsonValue(random, depth: 0)}")) + "}";
    }

    private static string JsonValue(Random random, int depth) => random.Next(depth > 2 ? 8 : 11) switch
    {
        0 => "null",
        1 => "true",
        2 => "99999999999999999999999999999",
        3 => "1e400",
        4 => "-0.0000001",
        5 => "2147483648",
        6 or 7 => System.Text.Json.JsonSerializer.Serialize(Pick(Texts, random)),
        8 => "[" + JsonValue(random, depth + 1) + "]",
        9 => "{\"" + Pick(JsonFields, random) + "\":" + JsonValue(random, depth + 1) + "}",
        _ => "\"" + new Guid(RandomBytes(random, 16)) + "\"",
    };

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Pick(string[] items, Random random) => items[random.Next(items.Length)];
}
