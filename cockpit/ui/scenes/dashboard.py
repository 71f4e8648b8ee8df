"""The dashboard scene: cluster, map, home, assistant and climate bar, drawn from one `DashboardState` per frame.

The controller is the live `SimController` or a replay's `ReplayController` (same reading interface;
a replay's is not `interactive`, so the screen's commands only show a notice).
"""

from __future__ import annotations

import pygame

from canbus.limits import FAN_LEVEL_MAX
from cockpit.ui import theme
from cockpit.ui.controller import WARPS, SimController
from cockpit.ui.fonts import FontBook
from cockpit.ui.layout import Layout, compute_layout
from cockpit.ui.push_to_talk import PushToTalk
from cockpit.ui.scenes.fault_bar import FaultBar
from cockpit.ui.scenes.help_overlay import draw_help
from cockpit.ui.view_model import ConversationLine, DashboardState, DriverAlertView
from cockpit.ui.widgets import draw
from cockpit.ui.widgets.map_view import MapView
from cockpit.ui.widgets.text_input import SEAT_LABELS, TextInput
from roadmap.map import RoadMap

ZONE_LABELS = {"driver": "Driver", "passenger": "Passenger", "rear_left": "Rear left", "rear_right": "Rear right"}
GEARS = ("P", "R", "N", "D")
MAX_POWER_KW, MAX_REGEN_KW = 400.0, 160.0
REGEN_SHARE = 0.3  # of the power bar's width
SPEAKER_COLOURS = {"user": theme.USER_BUBBLE, "assistant": theme.ASSISTANT_BUBBLE}
ALERT_COLOURS = {"info": theme.INFO, "warning": theme.WARNING, "alert": theme.ALERT}
ALERT_SHOWN_S = 30.0  # simulated seconds an alert stays in the top bar
WARP_KEYS = {pygame.K_1: WARPS[0], pygame.K_2: WARPS[1], pygame.K_3: WARPS[2]}
CLUSTER_REFERENCE_H = 511  # the cluster's height at 1920×720 without the replay timeline
DRIVER_ALERT_WORDS = {
    "drowsiness": ("DROWSY", "Drowsiness: take a break soon"),
    "distraction": ("EYES ON ROAD", "Distraction: eyes on the road"),
    "monitoring_unavailable": ("DMS N/A", "Driver monitoring unavailable"),
}


def _fmt(value: float | None, pattern: str, missing: str = "--") -> str:
    return missing if value is None else format(value, pattern)


class DashboardScene:
    layout_options: dict = {}

    def __init__(self, controller: SimController, fonts: FontBook, roadmap: RoadMap) -> None:
        self.controller = controller
        self.fonts = fonts
        self.map_view = MapView(roadmap, fonts)
        self.text_input = TextInput()
        self.push_to_talk = PushToTalk()
        self.show_help = False
        self.fault_bar = FaultBar()
        self.fps = 0.0
        self.show_frame_rate = True  # off for pictures of a run (--screenshots): a rate says nothing there
        self.layout: Layout = compute_layout(*theme.REFERENCE_SIZE, **self.layout_options)
        self.state: DashboardState = controller.state()
        self._bubble_cache: dict[tuple, list[str]] = {}

    # --- input ------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._click(event.pos)
        elif event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING) and self.text_input.focused:
            self.text_input.handle(event)

    def _key(self, event: pygame.event.Event) -> None:
        key = event.key
        if key == pygame.K_F1 or (key == pygame.K_h and not self.text_input.focused):
            self.show_help = not self.show_help
            return
        if self.show_help and key == pygame.K_ESCAPE:
            self.show_help = False
            return
        if key == pygame.K_TAB:
            self.text_input.cycle_seat(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return
        if key == pygame.K_F2:
            self.fault_bar.toggle()
            return
        if not self.text_input.focused and self.fault_bar.handle_key(key, event.mod, self.controller):
            return
        if self.text_input.focused:
            submitted = self.text_input.handle(event)
            if submitted:
                self.controller.say(self.text_input.seat, submitted)
            return
        if key in (pygame.K_y, pygame.K_n) and self.state.card is not None:
            self.answer_card(key == pygame.K_y)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_t) and self.controller.interactive:
            self.text_input.focus(True)
        elif key == pygame.K_p and self.controller.interactive:
            missing = self.push_to_talk.missing_microphone()
            if missing is not None:
                self.controller.notices.append(missing)
            elif self.push_to_talk.start(self.text_input.seat):
                self.controller.notices.append(f"listening ({self.text_input.seat})…")
        elif key == pygame.K_SPACE:
            self.controller.toggle_pause()
        elif key in WARP_KEYS:
            self.controller.set_warp(WARP_KEYS[key])
        elif key == pygame.K_s:
            self.controller.step()
        elif key == pygame.K_r:
            self.controller.restart()

    def _click(self, pos: tuple[int, int]) -> None:
        layout = self.layout
        if self.show_help:
            self.show_help = False
            return
        if self.state.card is not None:
            for accepted, rect in ((True, layout.card_accept), (False, layout.card_dismiss)):
                if rect.collidepoint(pos):
                    self.answer_card(accepted)
                    return
        if self.controller.interactive:  # a replay has no live controls: nothing to press, nothing to type
            for (zone, sign), rect in layout.climate_buttons.items():
                if rect.collidepoint(pos):
                    self.controller.adjust_set_point(zone, 0.5 * sign)
                    return
            if layout.seat_chip.collidepoint(pos):
                self.text_input.cycle_seat()
                return
            self.text_input.focus(layout.input_box.collidepoint(pos))
        for name, rect in layout.controls.items():
            if rect.collidepoint(pos):
                self._control(name)
                return

    def answer_card(self, accepted: bool) -> None:
        if self.controller.answer_card(accepted):
            self.state = self.controller.state()

    def _control(self, name: str) -> None:
        if name == "play":
            self.controller.toggle_pause()
        elif name.startswith("warp"):
            self.controller.set_warp(float(name[4:]))
        elif name == "step":
            self.controller.step()
        elif name == "restart":
            self.controller.restart()
        elif name == "help":
            self.show_help = not self.show_help

    # --- frame ------------------------------------------------------------------------------
    def update(self, dt_s: float) -> None:
        for heard in self.push_to_talk.take():
            self.controller.notices.append(heard.message)
            if heard.text:
                self.controller.say(heard.seat, heard.text)
        self.controller.update(dt_s)
        self.state = self.controller.state()

    def resize(self, size: tuple[int, int]) -> None:
        if size != self.layout.size:
            self.layout = compute_layout(*size, **self.layout_options)
            self._bubble_cache.clear()

    def draw(self, surface: pygame.Surface) -> None:
        self.resize(surface.get_size())
        surface.fill(theme.BACKGROUND)
        state, layout = self.state, self.layout
        self._draw_top_bar(surface, state, layout)
        self._draw_cluster(surface, state, layout)
        self.map_view.draw(surface, layout.map, state, layout.px)
        self._draw_banner(surface, state, layout)
        self._draw_home(surface, state, layout)
        self._draw_assistant(surface, state, layout)
        self._draw_climate(surface, state, layout)
        self.fault_bar.draw(surface, self.fonts, layout)
        if self.show_help:
            draw_help(surface, self.fonts, layout)

    # --- top bar ----------------------------------------------------------------------------
    def _draw_top_bar(self, surface, state: DashboardState, layout: Layout) -> None:
        px, fonts, bar = layout.px, self.fonts, layout.top_bar
        controller = self.controller
        name = controller.scenario_name.replace("_", " ")
        minutes, seconds = divmod(int(controller.now_s), 60)
        total_m, total_s = divmod(int(controller.duration_s), 60)
        draw.text(
            surface,
            fonts,
            "SU7 COCKPIT",
            px(theme.FONT_BODY),
            theme.ACCENT,
            (bar.left + px(4), bar.centery),
            anchor="midleft",
            bold=True,
        )
        x = bar.left + px(170)
        label = f"{name}   {minutes:02d}:{seconds:02d} / {total_m:02d}:{total_s:02d}"
        rect = draw.text(surface, fonts, label, px(theme.FONT_SMALL), theme.TEXT, (x, bar.centery), anchor="midleft")
        progress = pygame.Rect(rect.left, rect.bottom + px(2), rect.width, px(3))
        draw.bar(surface, progress, controller.now_s / max(controller.duration_s, 1e-9), theme.ACCENT)
        alert_x = rect.right + px(30)
        controls_left = min(r.left for r in layout.controls.values())
        if state.stale_messages:
            message = "stale: " + ", ".join(state.stale_messages)
            colour = theme.WARNING
        elif state.alerts and state.alerts[-1].time_s >= state.time_s - ALERT_SHOWN_S:
            latest = state.alerts[-1]
            message, colour = f"{latest.time_s:6.1f}s  {latest.text}", ALERT_COLOURS.get(latest.level, theme.TEXT)
        else:
            message, colour = "", theme.TEXT
        if controller.finished:
            message, colour = "scenario finished - R restarts, closing writes the outputs", theme.INFO
        if controller.notices:
            message = message or controller.notices[-1]
        if message:
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, message, px(theme.FONT_SMALL), controls_left - alert_x - px(90)),
                px(theme.FONT_SMALL),
                colour,
                (alert_x, bar.centery),
                anchor="midleft",
            )
        achieved = controller.achieved_warp
        shown = (
            f"{achieved:.0f}x"
            if achieved is not None and achieved >= 1.5
            else f"{achieved:.1f}x"
            if achieved is not None
            else "--"
        )
        if controller.effective_warp < controller.warp:
            shown += " (card)"
        if self.show_frame_rate:
            draw.text(
                surface,
                fonts,
                f"{shown}  {self.fps:3.0f} fps",
                px(theme.FONT_TINY),
                theme.TEXT_FAINT,
                (controls_left - px(12), bar.centery),
                anchor="midright",
            )
        labels = {
            "play": "Play" if controller.paused else "Pause",
            "warp1": "1x",
            "warp10": "10x",
            "warp60": "60x",
            "step": "Step",
            "restart": "Restart",
            "help": "Help",
        }
        for name, rect in layout.controls.items():
            active = (
                (name.startswith("warp") and float(name[4:]) == controller.warp)
                or (name == "play" and controller.paused)
                or (name == "help" and self.show_help)
            )
            draw.panel(surface, rect, colour=theme.ACCENT if active else theme.PANEL_RAISED, radius=px(10), edge=None)
            draw.text(
                surface,
                fonts,
                labels[name],
                px(theme.FONT_SMALL),
                theme.BACKGROUND if active else theme.TEXT,
                rect.center,
                anchor="center",
                bold=active,
            )

    # --- cluster ----------------------------------------------------------------------------
    def _draw_cluster(self, surface, state: DashboardState, layout: Layout) -> None:
        px, fonts, rect = layout.px, self.fonts, layout.cluster
        squeeze = min(1.0, rect.height / px(CLUSTER_REFERENCE_H))  # shorter when the replay's timeline shows

        def py(v: float) -> int:
            return round(px(v) * squeeze)

        draw.panel(surface, rect, radius=px(16))
        left, right = rect.left + px(22), rect.right - px(22)
        clock = "--:--" if state.local_time is None else f"{state.local_time:%H:%M}"
        draw.text(surface, fonts, clock, px(theme.FONT_LARGE), theme.TEXT, (left, rect.top + px(14)), bold=True)
        self._draw_cluster_tell(surface, state.top_driver_alert, layout)
        outside = f"{_fmt(state.outside_temp_c, '.0f')}°C  {state.weather or ''}".strip()
        draw.text(
            surface,
            fonts,
            outside,
            px(theme.FONT_SMALL),
            theme.TEXT_DIM if state.is_stale("outside_temp_c") else theme.INFO,
            (right, rect.top + px(20)),
            anchor="topright",
        )
        # speed
        speed_colour = theme.TEXT_DIM if state.is_stale("speed_kph") else theme.TEXT
        speed = "--" if state.speed_kph is None else f"{state.speed_kph:.0f}"
        speed_rect = draw.text(
            surface,
            fonts,
            speed,
            px(theme.FONT_SPEED),
            speed_colour,
            (rect.centerx, rect.top + py(140)),
            anchor="center",
            bold=True,
        )
        del speed_rect  # the font's padding varies; the unit sits at a fixed place above the gears
        draw.text(
            surface,
            fonts,
            "km/h" + ("  (stale)" if state.is_stale("speed_kph") else ""),
            px(theme.FONT_SMALL),
            theme.TEXT_DIM,
            (rect.centerx, rect.top + py(240)),
            anchor="midbottom",
        )
        # gear
        gear_y = rect.top + py(262)
        spacing = px(46)
        for i, gear in enumerate(GEARS):
            active = gear == state.gear
            x = rect.centerx + round((i - 1.5) * spacing)
            if active:
                box = pygame.Rect(0, 0, px(38), px(38))
                box.center = (x, gear_y)
                pygame.draw.rect(surface, theme.ACCENT, box, border_radius=px(8))
            draw.text(
                surface,
                fonts,
                gear,
                px(theme.FONT_LARGE),
                theme.BACKGROUND if active else theme.TEXT_FAINT,
                (x, gear_y),
                anchor="center",
                bold=True,
            )
        self._draw_power(surface, state, layout, pygame.Rect(left, rect.top + py(300), right - left, px(14)))
        self._draw_battery(surface, state, layout, pygame.Rect(left, rect.top + py(370), right - left, px(22)))
        # driver state
        y = rect.bottom - px(26)
        if state.fatigue_pct is not None:
            colour = theme.ALERT if state.fatigue_warning else theme.TEXT_DIM
            text = f"Driver fatigue {state.fatigue_pct:.0f}%" + ("  - take a break" if state.fatigue_warning else "")
            draw.text(surface, fonts, text, px(theme.FONT_SMALL), colour, (left, y), anchor="midleft")
        if state.drive_mode:
            draw.text(
                surface,
                fonts,
                state.drive_mode.replace("_", " ").upper(),
                px(theme.FONT_SMALL),
                theme.TEXT_DIM,
                (right, y),
                anchor="midright",
            )

    def _draw_power(self, surface, state: DashboardState, layout: Layout, bar: pygame.Rect) -> None:
        px, fonts = layout.px, self.fonts
        pygame.draw.rect(surface, theme.PANEL_RAISED, bar, border_radius=bar.height // 2)
        zero_x = bar.left + round(bar.width * REGEN_SHARE)
        power = state.power_kw or 0.0
        if power >= 0:
            width = round((bar.right - zero_x) * min(1.0, power / MAX_POWER_KW))
            fill, colour = pygame.Rect(zero_x, bar.top, width, bar.height), theme.POWER
        else:
            width = round((zero_x - bar.left) * min(1.0, -power / MAX_REGEN_KW))
            fill, colour = pygame.Rect(zero_x - width, bar.top, width, bar.height), theme.REGEN
        if state.is_stale("power_kw"):
            colour = theme.TEXT_FAINT
        if fill.width > 0:
            pygame.draw.rect(surface, colour, fill, border_radius=bar.height // 2)
        pygame.draw.line(surface, theme.TEXT_DIM, (zero_x, bar.top - px(4)), (zero_x, bar.bottom + px(4)), px(2))
        draw.text(surface, fonts, "REGEN", px(theme.FONT_TINY), theme.REGEN, (bar.left, bar.bottom + px(6)))
        draw.text(
            surface,
            fonts,
            "POWER",
            px(theme.FONT_TINY),
            theme.POWER,
            (bar.right, bar.bottom + px(6)),
            anchor="topright",
        )
        draw.text(
            surface,
            fonts,
            f"{_fmt(state.power_kw, '.0f')} kW",
            px(theme.FONT_SMALL),
            theme.TEXT,
            (zero_x + px(10), bar.bottom + px(4)),
        )

    def _draw_battery(self, surface, state: DashboardState, layout: Layout, bar: pygame.Rect) -> None:
        px, fonts = layout.px, self.fonts
        soc = state.soc_pct
        colour = theme.REGEN if soc is None or soc >= 30 else theme.WARNING if soc >= 15 else theme.ALERT
        if state.is_stale("soc_pct"):
            colour = theme.TEXT_FAINT
        draw.bar(surface, bar, (soc or 0) / 100, colour, radius=px(6))
        label = f"{_fmt(soc, '.0f')}%" + ("  charging" if state.charging else "")
        draw.text(surface, fonts, label, px(theme.FONT_LARGE), theme.TEXT, (bar.left, bar.bottom + px(8)), bold=True)
        range_text = f"{_fmt(state.range_km, '.0f')} km"
        draw.text(
            surface,
            fonts,
            range_text,
            px(theme.FONT_LARGE),
            theme.TEXT_DIM if state.is_stale("range_km") else theme.TEXT,
            (bar.right, bar.bottom + px(8)),
            anchor="topright",
            bold=True,
        )

    # --- assistant --------------------------------------------------------------------------
    def _draw_assistant(self, surface, state: DashboardState, layout: Layout) -> None:
        px, fonts, rect = layout.px, self.fonts, layout.assistant
        draw.panel(surface, rect, radius=px(16))
        draw.text(
            surface,
            fonts,
            "Assistant",
            px(theme.FONT_LARGE),
            theme.TEXT,
            (rect.left + px(18), rect.top + px(12)),
            bold=True,
        )
        if state.actions:
            last = state.actions[-1]
            colour = theme.REGEN if last.status == "sent" else theme.WARNING
            summary = f"{last.source}: {last.summary} {last.status}"
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, summary, px(theme.FONT_TINY), rect.width - px(200)),
                px(theme.FONT_TINY),
                colour,
                (rect.right - px(18), rect.top + px(22)),
                anchor="topright",
            )
        area = layout.conversation if state.card is None else layout.conversation_above_card
        self._draw_conversation(surface, state.conversation, layout, area)
        if state.card is not None:
            self._draw_card(surface, state, layout)
        self._draw_input(surface, layout)

    def _wrapped(self, line: ConversationLine, size: int, width: int) -> list[str]:
        key = (line.time_s, line.speaker, line.text, size, width)
        lines = self._bubble_cache.get(key)
        if lines is None:
            if len(self._bubble_cache) > 500:
                self._bubble_cache.clear()
            lines = draw.wrap(self.fonts, line.text, size, width)
            self._bubble_cache[key] = lines
        return lines

    def _draw_conversation(self, surface, conversation, layout: Layout, area: pygame.Rect) -> None:
        px, fonts = layout.px, self.fonts
        size, small = px(theme.FONT_BODY), px(theme.FONT_TINY)
        line_h = fonts.line_height(size)
        bubble_w = round(area.width * 0.82)
        pad = px(10)
        previous_clip = surface.get_clip()
        surface.set_clip(area)
        y = area.bottom
        if not conversation:
            draw.text(
                surface,
                fonts,
                "Type to the assistant: press Enter, Tab picks the seat.",
                px(theme.FONT_SMALL),
                theme.TEXT_FAINT,
                (area.centerx, area.centery),
                anchor="center",
            )
        for line in reversed(conversation):
            lines = self._wrapped(line, size, bubble_w - 2 * pad)
            height = len(lines) * line_h + 2 * pad
            text_w = max(fonts.width(t, size) for t in lines)
            box = pygame.Rect(0, 0, min(bubble_w, text_w + 2 * pad), height)
            y -= height
            box.top = y
            user = line.speaker == "user"
            if user:
                box.right = area.right
            else:
                box.left = area.left
            pygame.draw.rect(surface, SPEAKER_COLOURS.get(line.speaker, theme.PANEL_RAISED), box, border_radius=px(12))
            for i, t in enumerate(lines):
                draw.text(surface, fonts, t, size, theme.TEXT, (box.left + pad, box.top + pad + i * line_h))
            who = (
                SEAT_LABELS.get(line.seat or "", line.seat or "")
                if user
                else "Assistant" + (f" to {SEAT_LABELS.get(line.seat, line.seat)}" if line.seat else "")
            )
            tag = f"{who}  {line.time_s:.0f}s"
            y -= fonts.line_height(small)
            draw.text(
                surface,
                fonts,
                tag,
                small,
                theme.TEXT_DIM,
                (box.right if user else box.left, y),
                anchor="topright" if user else "topleft",
            )
            y -= px(8)
            if y < area.top:
                break
        surface.set_clip(previous_clip)

    def _draw_input(self, surface, layout: Layout) -> None:
        px, fonts, box, chip = layout.px, self.fonts, layout.input_box, layout.seat_chip
        if not self.controller.interactive:  # a replay: what was said is in the conversation, nothing to type
            draw.text(
                surface,
                fonts,
                "Replay of a recorded run: read-only",
                px(theme.FONT_SMALL),
                theme.TEXT_FAINT,
                (chip.left, box.centery),
                anchor="midleft",
            )
            return
        ti = self.text_input
        draw.panel(surface, chip, colour=theme.PANEL_RAISED, radius=px(10), edge=None)
        draw.text(
            surface, fonts, ti.seat_label, px(theme.FONT_SMALL), theme.ACCENT, chip.center, anchor="center", bold=True
        )
        draw.panel(
            surface,
            box,
            colour=theme.BACKGROUND,
            radius=px(10),
            edge=theme.ACCENT if ti.focused else theme.PANEL_EDGE,
            width=px(2) if ti.focused else 1,
        )
        size = px(theme.FONT_BODY)
        if ti.text or ti.composition or ti.focused:
            shown = ti.text + ti.composition
            while shown and fonts.width(shown, size) > box.width - px(30):
                shown = shown[1:]
            rect = draw.text(
                surface, fonts, shown, size, theme.TEXT, (box.left + px(12), box.centery), anchor="midleft"
            )
            if ti.focused:
                pygame.draw.line(
                    surface,
                    theme.ACCENT,
                    (rect.right + px(2), box.top + px(10)),
                    (rect.right + px(2), box.bottom - px(10)),
                    px(2),
                )
        else:
            draw.text(
                surface,
                fonts,
                "Press Enter to talk to the assistant",
                size,
                theme.TEXT_FAINT,
                (box.left + px(12), box.centery),
                anchor="midleft",
            )

    # --- climate ----------------------------------------------------------------------------
    def _draw_climate(self, surface, state: DashboardState, layout: Layout) -> None:
        px, fonts = layout.px, self.fonts
        draw.panel(surface, layout.climate, radius=px(16))
        left = layout.climate_left
        draw.text(
            surface, fonts, "Cabin", px(theme.FONT_SMALL), theme.TEXT_DIM, (left.left + px(22), left.top + px(18))
        )
        cabin_colour = theme.TEXT_DIM if state.is_stale("cabin_temp_c") else theme.TEXT
        draw.text(
            surface,
            fonts,
            f"{_fmt(state.cabin_temp_c, '.1f')}°C",
            px(theme.FONT_TITLE + 8),
            cabin_colour,
            (left.left + px(22), left.top + round(left.height * 0.5)),
            anchor="midleft",
            bold=True,
        )
        draw.text(
            surface,
            fonts,
            f"Outside {_fmt(state.outside_temp_c, '.0f')}°C",
            px(theme.FONT_SMALL),
            theme.TEXT_DIM,
            (left.left + px(22), left.bottom - px(6)),
            anchor="bottomleft",
        )
        for zone, rect in layout.climate_zones.items():
            draw.panel(surface, rect, colour=theme.PANEL_RAISED, radius=px(12), edge=None)
            draw.text(
                surface,
                fonts,
                ZONE_LABELS[zone],
                px(theme.FONT_SMALL),
                theme.TEXT_DIM,
                (rect.centerx, rect.top + px(10)),
                anchor="midtop",
            )
            value = state.set_points.get(zone)
            hot = value is not None and value >= 24
            colour = theme.TEXT_DIM if state.is_stale("set_points") else (theme.HEAT if hot else theme.TEXT)
            minus, plus = layout.climate_buttons[(zone, -1)], layout.climate_buttons[(zone, +1)]
            draw.text(
                surface,
                fonts,
                f"{_fmt(value, '.1f')}°",
                px(theme.FONT_TITLE + 4),
                colour,
                ((minus.right + plus.left) // 2, minus.centery),
                anchor="center",
                bold=True,
            )
            for button, sign in ((minus, "-"), (plus, "+")) if self.controller.interactive else ():
                pygame.draw.circle(surface, theme.PANEL_EDGE, button.center, button.width // 2)
                pygame.draw.circle(
                    surface, theme.COLD if sign == "-" else theme.HEAT, button.center, button.width // 2, px(2)
                )
                half = button.width // 5
                pygame.draw.line(
                    surface,
                    theme.TEXT,
                    (button.centerx - half, button.centery),
                    (button.centerx + half, button.centery),
                    px(3),
                )
                if sign == "+":
                    pygame.draw.line(
                        surface,
                        theme.TEXT,
                        (button.centerx, button.centery - half),
                        (button.centerx, button.centery + half),
                        px(3),
                    )
        right = layout.climate_right
        hvac = {True: "HVAC on", False: "HVAC off", None: "HVAC --"}[state.hvac_on]
        if state.ac_on:
            hvac += "  ·  A/C"
        draw.text(
            surface,
            fonts,
            hvac,
            px(theme.FONT_SMALL),
            theme.INFO if state.hvac_on else theme.TEXT_DIM,
            (right.left + px(16), right.top + px(18)),
        )
        fan_y = right.top + px(50)
        draw.text(surface, fonts, "Fan", px(theme.FONT_SMALL), theme.TEXT_DIM, (right.left + px(16), fan_y))
        level = state.fan_level or 0
        # With the HVAC off the blower does not run, whatever level it keeps for later: the bars say so in grey.
        lit = theme.INFO if state.hvac_on else theme.TEXT_FAINT
        for i in range(FAN_LEVEL_MAX):
            cell = pygame.Rect(right.left + px(70) + i * px(22), fan_y + px(4), px(16), px(16))
            pygame.draw.rect(surface, lit if i < level else theme.PANEL_RAISED, cell, border_radius=px(3))
        seat_y = right.top + px(86)
        draw.text(surface, fonts, "Seat heat", px(theme.FONT_SMALL), theme.TEXT_DIM, (right.left + px(16), seat_y))
        x = right.left + px(120)
        for seat in ("driver", "passenger", "rear_left", "rear_middle", "rear_right"):
            heat = state.seat_heat.get(seat) or 0
            occupied = state.occupied.get(seat)
            for i in range(3):
                cell = pygame.Rect(x, seat_y + px(18) - i * px(7), px(18), px(5))
                pygame.draw.rect(
                    surface, theme.HEAT if i < heat else (theme.PANEL_EDGE if occupied else theme.PANEL_RAISED), cell
                )
            x += px(26)

    # --- proactive card, driver alerts, home ---------------------------------------------------
    def _draw_card(self, surface, state: DashboardState, layout: Layout) -> None:
        px, fonts, card = layout.px, self.fonts, layout.card
        info = state.card
        draw.panel(surface, card, colour=theme.PANEL_RAISED, radius=px(14), edge=theme.ACCENT, width=px(2))
        left = card.left + px(14)
        waited = max(0.0, state.time_s - info.offered_s)
        head = f"Suggestion  ·  {info.need.replace('_', ' ')}  ·  {waited:.0f}s"
        draw.text(
            surface,
            fonts,
            draw.fit_text(fonts, head, px(theme.FONT_TINY), card.width - px(28)),
            px(theme.FONT_TINY),
            theme.ACCENT,
            (left, card.top + px(8)),
        )
        size = px(theme.FONT_BODY)
        text_top = card.top + px(8) + fonts.line_height(px(theme.FONT_TINY))
        room = max(1, (layout.card_accept.top - px(4) - text_top) // fonts.line_height(size))
        lines = draw.wrap(fonts, info.text, size, card.width - px(28))
        if len(lines) > room:
            lines = lines[: room - 1] + [draw.fit_text(fonts, " ".join(lines[room - 1 :]), size, card.width - px(28))]
        for i, line in enumerate(lines):
            draw.text(surface, fonts, line, size, theme.TEXT, (left, text_top + i * fonts.line_height(size)), bold=True)
        enabled = self.controller.interactive
        for rect, label, colour in (
            (layout.card_accept, "Accept  (Y)", theme.ACCENT),
            (layout.card_dismiss, "Dismiss  (N)", theme.PANEL_EDGE),
        ):
            draw.panel(surface, rect, colour=colour if enabled else theme.PANEL, radius=px(10), edge=None)
            draw.text(
                surface,
                fonts,
                label,
                px(theme.FONT_SMALL),
                (theme.BACKGROUND if colour == theme.ACCENT else theme.TEXT) if enabled else theme.TEXT_DIM,
                rect.center,
                anchor="center",
                bold=True,
            )

    def _draw_cluster_tell(self, surface, alert: DriverAlertView | None, layout: Layout) -> None:
        if alert is None:
            return
        px, rect = layout.px, layout.cluster_tell
        short = DRIVER_ALERT_WORDS.get(alert.kind, (alert.kind.upper(), ""))[0]
        high = alert.level >= 2
        blink_off = alert.level >= 3 and int(self.state.time_s * 2) % 2 == 1
        colour = theme.ALERT if high else theme.WARNING
        if alert.kind == "monitoring_unavailable":
            colour = theme.TEXT_DIM
        if high and not blink_off:
            draw.panel(surface, rect, colour=colour, radius=rect.height // 2, edge=None)
            fg = theme.BACKGROUND
        else:
            draw.panel(surface, rect, colour=theme.PANEL, radius=rect.height // 2, edge=colour, width=px(2))
            fg = colour
        _warning_triangle(surface, (rect.left + px(20), rect.centery), px(11), fg)
        draw.text(
            surface,
            self.fonts,
            short,
            px(theme.FONT_TINY),
            fg,
            (rect.left + px(36), rect.centery),
            anchor="midleft",
            bold=True,
        )

    def _draw_banner(self, surface, state: DashboardState, layout: Layout) -> None:
        alert = state.top_driver_alert
        if alert is None:
            return
        px, rect = layout.px, layout.banner
        words = DRIVER_ALERT_WORDS.get(alert.kind, ("", alert.kind.replace("_", " ")))[1]
        high = alert.level >= 2
        colour = theme.ALERT if high else (theme.TEXT_DIM if alert.kind == "monitoring_unavailable" else theme.WARNING)
        if high:
            draw.panel(surface, rect, colour=colour, radius=px(12), edge=theme.TEXT, width=px(2))
            fg = theme.BACKGROUND
        else:
            draw.panel(surface, rect, colour=theme.PANEL_RAISED, radius=px(12), edge=colour, width=px(2))
            fg = colour
        _warning_triangle(surface, (rect.left + px(28), rect.centery), px(14), fg)
        label = f"{words}  ·  level {alert.level}"
        draw.text(
            surface,
            self.fonts,
            draw.fit_text(self.fonts, label, px(theme.FONT_BODY), rect.width - px(70)),
            px(theme.FONT_BODY),
            fg,
            (rect.left + px(52), rect.centery),
            anchor="midleft",
            bold=high,
        )

    def _draw_home(self, surface, state: DashboardState, layout: Layout) -> None:
        px, fonts, rect = layout.px, self.fonts, layout.home
        draw.panel(surface, rect, radius=px(16))
        draw.text(
            surface, fonts, "Home", px(theme.FONT_LARGE), theme.TEXT, (rect.left + px(14), rect.top + px(10)), bold=True
        )
        if not state.home:
            draw.text(
                surface,
                fonts,
                "no home linked",
                px(theme.FONT_SMALL),
                theme.TEXT_FAINT,
                (rect.centerx, rect.centery),
                anchor="center",
            )
            return
        for tile, box in zip(state.home, layout.home_tiles, strict=False):
            colour = theme.INFO if tile.active else theme.TEXT_DIM
            draw.panel(
                surface,
                box,
                colour=theme.PANEL_RAISED,
                radius=px(10),
                edge=theme.ACCENT if tile.busy else None,
                width=px(2),
            )
            pygame.draw.rect(
                surface,
                colour if tile.active else theme.PANEL_EDGE,
                pygame.Rect(box.left, box.top + px(6), px(4), box.height - px(12)),
            )
            pad = px(10)
            small, tiny = px(theme.FONT_SMALL), px(theme.FONT_TINY)
            two_lines = box.height >= fonts.line_height(small) + fonts.line_height(tiny)
            top = box.top + max(
                px(2), (box.height - fonts.line_height(small) - (fonts.line_height(tiny) if two_lines else 0)) // 2
            )
            value_rect = draw.text(
                surface,
                fonts,
                tile.value,
                small,
                theme.TEXT if tile.active else theme.TEXT_DIM,
                (box.right - pad, top),
                anchor="topright",
                bold=True,
            )
            draw.text(
                surface,
                fonts,
                draw.fit_text(fonts, tile.title, small, value_rect.left - box.left - 2 * pad),
                small,
                theme.TEXT_DIM,
                (box.left + pad, top),
            )
            if two_lines and tile.detail:
                draw.text(
                    surface,
                    fonts,
                    draw.fit_text(fonts, tile.detail, tiny, box.width - 2 * pad),
                    tiny,
                    colour,
                    (box.left + pad, top + fonts.line_height(small)),
                )


def _warning_triangle(surface, centre: tuple[int, int], size: int, colour) -> None:
    x, y = centre
    points = [(x, y - size), (x + size, y + size * 0.8), (x - size, y + size * 0.8)]
    pygame.draw.polygon(surface, colour, points, max(1, size // 5))
    pygame.draw.line(surface, colour, (x, y - size * 0.35), (x, y + size * 0.25), max(1, size // 5))
    pygame.draw.circle(surface, colour, (x, round(y + size * 0.55)), max(1, size // 7))
