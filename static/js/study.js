// The lesson player's side of the study heartbeat protocol (README, "The study heartbeat protocol").
// The page only reports what the player is doing; the server decides what to credit and answers with
// the totals shown here. Retries resend the same sequence number, so a lost answer is never counted twice.
(function () {
  "use strict";

  const panel = document.querySelector("[data-study]");
  if (!panel) return;
  const video = document.querySelector("[data-study-video]");
  const sessionsUrl = panel.dataset.sessionsUrl;
  const csrf = panel.dataset.csrf;
  const clockOut = panel.querySelector("[data-study-clock]");
  const bar = panel.querySelector("[data-study-bar]");
  const completeOut = panel.querySelector("[data-study-complete]");
  const statusOut = panel.querySelector("[data-study-status]");
  const takeover = panel.querySelector("[data-study-superseded]");
  const presence = panel.querySelector("[data-study-presence]");
  const messages = {};
  panel.querySelector("[data-study-messages]").content.querySelectorAll("[data-key]").forEach((el) => {
    messages[el.dataset.key] = el.textContent.trim();
  });

  let intervalMs = Number(panel.dataset.heartbeatSeconds) * 1000;
  let lessonSeconds = Number(panel.dataset.lessonSeconds);
  let resumeAt = Number(panel.dataset.resumeSeconds) || 0;
  let furthest = resumeAt;
  let complete = Number(panel.dataset.creditedSeconds) >= lessonSeconds;
  let session = null;
  let seq = 0;
  let timer = null;
  let pending = null; // a heartbeat sent without an answer yet: resent as it is
  let inFlight = false;
  let again = false; // the player changed while a heartbeat was in flight: report it when that one returns
  let stopped = true;

  function post(url, body, extra) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
      ...extra,
    });
  }

  function say(key) {
    statusOut.textContent = messages[key] || "";
  }

  function show(creditedSeconds, lessonComplete) {
    // The same "m:ss" as credits.selectors.clock renders on the server.
    clockOut.textContent = Math.floor(creditedSeconds / 60) + ":" + String(creditedSeconds % 60).padStart(2, "0");
    bar.max = lessonSeconds;
    bar.value = creditedSeconds;
    complete = lessonComplete;
    completeOut.hidden = !lessonComplete;
  }

  function playerState() {
    const visible = document.visibilityState === "visible";
    if (video) {
      return {
        position_seconds: video.currentTime || 0,
        playing: !video.paused && !video.ended,
        visible: visible,
        playback_rate: video.playbackRate || 1,
      };
    }
    // A reading lesson counts while the page is open and in front.
    return { position_seconds: 0, playing: true, visible: visible, playback_rate: 1 };
  }

  function describe(answer, sent) {
    if (answer.presence_check && answer.reason === "presence_unconfirmed") return say("presence");
    if (answer.lesson_complete && answer.credited_now === 0 && sent.playing) return say("complete");
    if (!sent.visible) return say("hidden");
    if (!sent.playing) return say("paused");
    if (answer.reason === "seek_ahead") return say("seek");
    if (answer.reason === "daily_cap") return say("daily_cap");
    say("counting");
  }

  function stop() {
    stopped = true;
    clearInterval(timer);
    timer = null;
  }

  function superseded() {
    stop();
    session = null;
    if (video) video.pause();
    if (presence.open) presence.close();
    takeover.hidden = false;
    statusOut.textContent = "";
  }

  async function beat() {
    if (stopped || session === null) return;
    if (inFlight) {
      again = true;
      return;
    }
    if (pending === null) {
      pending = Object.assign({ seq: seq }, playerState());
      seq += 1;
    }
    const sent = pending;
    inFlight = true;
    try {
      const response = await post(sessionsUrl + session + "/heartbeats/", sent);
      pending = null;
      const answer = await response.json().catch(() => ({}));
      if (response.status === 409 && answer.code === "superseded") return superseded();
      if (response.status === 409) return; // an older beat answered late: the next one goes on
      if (!response.ok) {
        stop();
        return say("refused");
      }
      show(answer.credited_seconds, answer.lesson_complete);
      describe(answer, sent);
      if (answer.presence_check && !presence.open) presence.showModal();
    } catch (error) {
      say("offline"); // the same heartbeat goes again at the next tick
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        beat();
      }
    }
  }

  async function start() {
    takeover.hidden = true;
    const response = await post(sessionsUrl, { lesson: Number(panel.dataset.lesson) }).catch(() => null);
    if (response === null || !response.ok) return say(response === null ? "offline" : "refused");
    const opened = await response.json();
    session = opened.id;
    seq = 0;
    pending = null;
    stopped = false;
    intervalMs = opened.heartbeat_seconds * 1000;
    lessonSeconds = opened.lesson_seconds;
    furthest = Math.max(furthest, opened.furthest_position_seconds);
    resumeAt = opened.resume_seconds;
    show(opened.credited_seconds, opened.credited_seconds >= lessonSeconds);
    await beat();
    timer = setInterval(beat, intervalMs);
  }

  if (video) {
    // Resume where the learner stopped, on whatever device they stopped.
    const resume = () => {
      if (resumeAt > 1 && (!video.duration || resumeAt < video.duration - 2)) video.currentTime = resumeAt;
    };
    if (video.readyState >= 1) resume();
    else video.addEventListener("loadedmetadata", resume, { once: true });
    video.addEventListener("timeupdate", () => {
      if (!video.seeking && video.currentTime <= furthest + 3) furthest = Math.max(furthest, video.currentTime);
    });
    // On a first viewing, skipping ahead of what was watched goes back (the server would not count it).
    video.addEventListener("seeking", () => {
      if (!complete && video.currentTime > furthest + 3) {
        video.currentTime = furthest;
        say("seek");
      }
    });
    ["play", "pause", "ended", "ratechange"].forEach((name) => video.addEventListener(name, beat));
  }
  document.addEventListener("visibilitychange", beat);
  panel.querySelector("[data-study-resume]").addEventListener("click", start);
  panel.querySelector("[data-study-present]").addEventListener("click", async () => {
    presence.close();
    if (session === null) return;
    const response = await post(sessionsUrl + session + "/presence/").catch(() => null);
    if (response && response.status === 409) superseded();
    else beat();
  });

  start();
})();
