using System.Net.Sockets;
using DrupalOAuth.Errors;
using DrupalOAuth.Http;
using Xunit;

namespace DrupalOAuth.Tests.Http;

public sealed class FailureClassifierTests
{
    private static readonly Uri Target = new("https://drupal.example/jsonapi");

    [Fact]
    public void A_local_failure_raised_inside_HttpClient_keeps_its_own_error_however_it_was_wrapped()
    {
        var own = new DrupalException("FileChanged", DrupalErrorCategory.InvalidData, "changed");
        var wrapped = new HttpRequestException("Error while copying content to a stream.", new IOException("copy", own));

        Assert.Same(own, Classify(wrapped, timedOut: true));
    }

    [Fact]
    public void A_broken_connection_is_ConnectionLost_and_says_whether_the_answer_had_begun()
    {
        var failure = Classify(new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset)), answered: true, reading: true);

        Assert.Equal("ConnectionLost", failure!.ErrorId);
        Assert.Equal(true, failure.Data[HttpPipeline.AnswerStarted]);
        Assert.Equal(true, failure.Data[HttpPipeline.PartlyRead]);
    }

    [Fact]
    public void A_connection_never_made_is_ConnectionFailed() =>
        Assert.Equal("ConnectionFailed", Classify(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)))!.ErrorId);

    [Fact]
    public void Anything_that_failed_because_time_was_up_is_Timeout() =>
        Assert.Equal("Timeout", Classify(new TaskCanceledException(), timedOut: true)!.ErrorId);

    [Fact]
    public void A_defect_is_not_passed_off_as_the_network_failing()
    {
        Assert.Null(Classify(new InvalidOperationException("a bug")));
        Assert.Null(Classify(new TaskCanceledException()));
    }

    [Theory]
    [InlineData(typeof(IOException), true)]
    [InlineData(typeof(UnauthorizedAccessException), true)]
    [InlineData(typeof(InvalidOperationException), false)]
    public void Tells_the_file_systems_failures_from_defects(Type type, bool isFileSystem) =>
        Assert.Equal(isFileSystem, FailureClassifier.IsFileSystem((Exception)Activator.CreateInstance(type)!));

    private static DrupalException? Classify(Exception e, bool timedOut = false, bool answered = false, bool reading = false) =>
        FailureClassifier.Classify(e, HttpMethod.Get, Target, timedOut, TimeSpan.FromSeconds(5), answered, reading);
}
