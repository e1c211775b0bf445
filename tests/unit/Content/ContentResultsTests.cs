using DrupalOAuth.Content;
using DrupalOAuth.Errors;
using Xunit;

namespace DrupalOAuth.Tests.Content;

public sealed class ContentResultsTests
{
    [Fact]
    public void A_result_s_error_and_notes_never_carry_a_secret_the_server_echoed()
    {
        const string token = "content-results-echoed-token-5f2c";
        SecretScrubber.Shared.Hold(token);
        try
        {
            var entity = new ContentEntity("node", "00000001-d7a1-4c3e-9f00-000000000001", "article", "en");
            var result = ContentResults.Of(entity, ContentAction.Failed, notes: $"status not set: Drupal said {token}", error: $"403: Bearer {token} is not allowed");

            Assert.DoesNotContain(token, result.Error);
            Assert.DoesNotContain(token, result.Notes);
            Assert.Contains(SecretScrubber.Redacted, result.Error);
            Assert.Contains(SecretScrubber.Redacted, result.Notes);
        }
        finally
        {
            SecretScrubber.Shared.Release(token);
        }
    }
}
