using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// "120 of 5,000 rows, 85 rows/s" for a job of known size, written a few times a second at most: a progress record
    /// per item would cost more than a fast item. Only on the pipeline thread, as every Write*.
    /// </summary>
    internal sealed class CountProgress
    {
        private readonly Cmdlet _cmdlet;
        private readonly int _activityId;
        private readonly string _activity;
        private readonly int _total;
        private readonly string _unit;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _shownAt = -1000;
        private int _done;

        /// <param name="unit">The plural of what is counted, such as "rows" or "entities".</param>
        public CountProgress(Cmdlet cmdlet, int activityId, string activity, int total, string unit)
        {
            _cmdlet = cmdlet;
            _activityId = activityId;
            _activity = activity;
            _total = total;
            _unit = unit;
        }

        public void Done()
        {
            _done++;
            if (_clock.ElapsedMilliseconds - _shownAt >= 250 || _done == _total)
            {
                _shownAt = _clock.ElapsedMilliseconds;
                _cmdlet.WriteProgress(Record(ProgressRecordType.Processing));
            }
        }

        public void Complete() => _cmdlet.WriteProgress(Record(ProgressRecordType.Completed));

        private ProgressRecord Record(ProgressRecordType type)
        {
            var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            var status = string.Format(CultureInfo.InvariantCulture, "{0:N0} of {1:N0} {3}, {2:N0} {3}/s", _done, _total, _done / seconds, _unit);
            return new ProgressRecord(_activityId, _activity, status) { PercentComplete = _total == 0 ? 100 : _done * 100 / _total, RecordType = type };
        }
    }
}
