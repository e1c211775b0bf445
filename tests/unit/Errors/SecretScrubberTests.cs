using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Net;
using System.Text;
using DrupalOAuth.Errors;
using DrupalOAuth.GraphQL;
using DrupalOAuth.Http;
using DrupalOAuth.Tests.Support;
using DrupalOAuth.Tokens;
using Xunit;

namespace DrupalOAuth.Tests.Errors;

public sealed class SecretScrubberTests
{
    private const string Secret = "s3cr:t/+&= x\"é\\<";
    private readonly SecretScrubber _scrubber = new();

    public SecretScrubberTests()
    {
        _scrubber.Hold(Secret);
    }

    public static TheoryData<string> EncodedForms() => new()
    {
        Secret,
        Uri.EscapeDataString(Secret),
        Uri.EscapeDataString(Secret).ToLowerInvariant(),
        WebUtility.UrlEncode(Secret),
        WebUtility.UrlEncode(Secret).ToLowerInvariant(),
        InJson(Secret),
        "s3cr:t\\/+&= x\\\"\\u00e9\\\\\\u003C",
        WebUtility.HtmlEncode(Secret),
        "s3cr&#58;t&#x2F;+&amp;= x&quot;&#233;\\&lt;",
        // Mixed within one value, as a server that encodes some characters only might echo it.
        "s3cr%3at/%2B&= x\"%C3%A9\\<",
    };

    [Theory]
    [MemberData(nameof(EncodedForms))]
    public void A_held_value_is_taken_out_in_every_encoding_an_echo_may_use(string form)
    {
        var scrubbed = _scrubber.Scrub($"Drupal said: invalid client_secret={form}; try again.");

        Assert.Equal($"Drupal said: invalid client_secret={SecretScrubber.Redacted}; try again.", scrubbed);
    }

    [Fact]
    public void Text_without_a_held_value_is_the_same_instance()
    {
        var text = "Drupal said: s3cr:t but not the rest.";

        Assert.Same(text, _scrubber.Scrub(text));
        Assert.False(_scrubber.Reveals(text));
    }

    [Fact]
    public void A_value_is_scrubbed_while_held_and_among_the_last_released_ones_then_forgotten()
    {
        var scrubber = new SecretScrubber();
        scrubber.Hold("token-0");
        scrubber.Hold("token-0");
        scrubber.Release("token-0");
        Assert.True(scrubber.Reveals("a token-0 here"));

        scrubber.Release("token-0");
        Assert.True(scrubber.Reveals("a token-0 here"));

        for (var i = 1; i <= SecretScrubber.RetiredCapacity; i++)
        {
            scrubber.Hold("token-" + i);
            scrubber.Release("token-" + i);
        }

        Assert.False(scrubber.Reveals("a token-0 here"));
        Assert.True(scrubber.Reveals("a token-1 here"));
    }

    [Fact]
    public void Letters_digits_and_unreserved_marks_match_only_as_themselves_since_no_encoder_escapes_them()
    {
        // A token's pattern stays as small as the token: one of 800 characters with every character's encodings took
        // tens of milliseconds to make.
        Assert.Equal(System.Text.RegularExpressions.Regex.Escape("eyJ0eXAi.abc-DEF_1~"), SecretScrubber.PatternOf("eyJ0eXAi.abc-DEF_1~"));
    }

    [Fact]
    public void A_value_shorter_than_the_minimum_is_not_scrubbed()
    {
        var scrubber = new SecretScrubber();
        scrubber.Hold("abc");

        Assert.Equal("abc", scrubber.Scrub("abc"));
    }

    [Fact]
    public void A_longer_value_that_contains_a_shorter_one_is_taken_out_whole()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("client:" + Secret));
        _scrubber.Hold(basic);

        Assert.Equal($"Basic {SecretScrubber.Redacted}.", _scrubber.Scrub($"Basic {basic}."));
    }

    [Fact]
    public void An_error_keeps_its_ErrorId_category_and_retries_and_loses_the_value_from_message_target_further_errors_and_causes()
    {
        var further = new DrupalException("BadRequest", DrupalErrorCategory.InvalidArgument, "also " + Secret, "target " + Secret);
        var cause = new InvalidOperationException("echo " + Uri.EscapeDataString(Secret));
        var keptCause = new TimeoutException("slow");
        var error = new DrupalException("InvalidClient", DrupalErrorCategory.AuthenticationError, "refused " + Secret, Secret, cause, new[] { further });
        error.Data[ApiClient.RetriesKey] = 2;

        var scrubbed = _scrubber.Scrub(error);

        Assert.Equal("InvalidClient", scrubbed.ErrorId);
        Assert.Equal(DrupalErrorCategory.AuthenticationError, scrubbed.Category);
        Assert.Equal("refused " + SecretScrubber.Redacted, scrubbed.Message);
        Assert.Equal(SecretScrubber.Redacted, scrubbed.Target);
        Assert.Null(scrubbed.InnerException);
        Assert.Equal(2, scrubbed.Data[ApiClient.RetriesKey]);
        var scrubbedFurther = Assert.Single(scrubbed.FurtherErrors);
        Assert.Equal("also " + SecretScrubber.Redacted, scrubbedFurther.Message);
        Assert.Equal("target " + SecretScrubber.Redacted, scrubbedFurther.Target);
        Assert.Same(keptCause, _scrubber.Scrub(new DrupalException("Timeout", DrupalErrorCategory.OperationTimeout, "slow " + Secret, null, keptCause)).InnerException);
    }

    [Fact]
    public void An_error_with_nothing_to_scrub_is_the_same_instance()
    {
        var error = new DrupalException("Timeout", DrupalErrorCategory.OperationTimeout, "slow", new Uri("https://drupal.example.com/graphql"), new TimeoutException("slow"));

        Assert.Same(error, _scrubber.Scrub(error));
    }

    [Fact]
    public void A_JSON_API_error_target_is_copied_with_its_texts_scrubbed()
    {
        var error = ApiClient.Failure(HttpResults.Json(422, JsonApiDocuments.Errors(("Unprocessable Content", "422", "title: " + InJson(Secret), "/data/attributes/title"))));

        var target = Assert.IsType<JsonApiError>(_scrubber.Scrub(error).Target);

        Assert.Equal("title: " + SecretScrubber.Redacted, target.Detail);
        Assert.Equal("title", target.Field);
    }

    [Fact]
    public void A_GraphQL_error_target_is_copied_with_its_message_and_extensions_scrubbed()
    {
        var response = GraphQLClient.Parse(HttpResults.Json(200, "{\"data\":null,\"errors\":[{\"message\":\"bad token " + InJson(Secret) + "\",\"extensions\":{\"category\":\"user\",\"echo\":[\"Bearer " + Uri.EscapeDataString(Secret) + "\"]}}]}", HttpResults.GraphQLUri));

        var scrubbed = _scrubber.Scrub(response.Errors[0].ToException());

        Assert.DoesNotContain("s3cr", scrubbed.Message);
        var target = Assert.IsType<GraphQLError>(scrubbed.Target);
        Assert.Equal("bad token " + SecretScrubber.Redacted, target.Message);
        var extensions = Assert.IsType<PSObject>(target.Extensions);
        Assert.Equal(new object[] { "Bearer " + SecretScrubber.Redacted }, (object[])extensions.Properties["echo"].Value);
        Assert.Equal("user", extensions.Properties["category"].Value);
    }

    [Fact]
    public void Dictionaries_arrays_and_other_objects_are_scrubbed_as_their_text()
    {
        var dictionary = new OrderedDictionary { ["said"] = Secret, ["n"] = 1L };
        var scrubbed = Assert.IsAssignableFrom<IDictionary>(_scrubber.ScrubValue(dictionary));
        Assert.Equal(SecretScrubber.Redacted, scrubbed["said"]);
        Assert.Equal(1L, scrubbed["n"]);

        Assert.Equal(SecretScrubber.Redacted, _scrubber.ScrubValue(new StringBuilder(Secret)));
        var uri = new Uri("https://drupal.example.com/graphql");
        Assert.Same(uri, _scrubber.ScrubValue(uri));
        Assert.Equal(42L, _scrubber.ScrubValue(42L));
    }

    [Fact]
    public void The_token_provider_makes_the_secret_and_Basic_credentials_known_while_a_connection_holds_the_key()
    {
        var scrubber = new SecretScrubber();
        using var provider = new TokenProvider(new ManualClock(), scrubber);
        var key = new TokenCacheKey(HttpResults.TokenUri, "client", Array.Empty<string>(), "fingerprint");
        var credential = new NetworkCredential("client", Secret);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("client:" + Secret));

        provider.Hold(key, credential);

        Assert.True(scrubber.Reveals(Secret));
        Assert.Equal("Basic " + SecretScrubber.Redacted, scrubber.Scrub("Basic " + basic));
    }

    [Fact]
    public async Task The_token_provider_makes_each_token_it_is_given_known()
    {
        var scrubber = new SecretScrubber();
        using var provider = new TokenProvider(new ManualClock(), scrubber);
        var key = new TokenCacheKey(HttpResults.TokenUri, "client", Array.Empty<string>(), "fingerprint");
        var token = TestTokens.Make("opaque-token-value", provider.Clock.UtcNow, TimeSpan.FromMinutes(5));

        await provider.GetTokenAsync(key, _ => Task.FromResult(token), new RecordingLog(), CancellationToken.None);

        Assert.Equal("Bearer " + SecretScrubber.Redacted, scrubber.Scrub("Bearer opaque-token-value"));
    }

    private static string InJson(string text) => System.Text.Json.JsonSerializer.Serialize(text).Trim('"');
}
