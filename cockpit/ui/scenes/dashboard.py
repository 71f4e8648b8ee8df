"""The dashboard scene: the SU7's screen (strip, map with the voice overlay, climate bar, home panel) and, apart,
the developer bar; drawn from one `DashboardState` per frame.

The controller is the live `SimController` or a replay's `ReplayController` (same reading interface; a replay's
is not `interactive`, so nothing on its screen acts on a car). The screen speaks the driver's language (that of
the last thing a person said); the developer bar stays in English.
"""

from __future__ import annotations

import pygame

from cockpit.ui import theme
from cockpit.ui.controller import WARPS, SimController
from cockpit.ui.fonts import FontBook
from cockpit.ui.layout import Layout, LayoutOptions, compute_layout
from cockpit.ui.push_to_talk import PushToTalk
from cockpit.ui.replay import ReplayController
from cockpit.ui.scenes.dev_bar import DevBar
from cockpit.ui.scenes.help_overlay import draw_help
from cockpit.ui.view_model import DashboardState
from cockpit.ui.widgets import draw
from cockpit.ui.widgets.climate_bar import draw_climate_bar
from cockpit.ui.widgets.home_panel import draw_home_panel
from cockpit.ui.widgets.map_overlays import draw_driver_banner, draw_route_card
from cockpit.ui.widgets.map_view import MapView, driver_language
from cockpit.ui.widgets.strip import draw_strip
from cockpit.ui.widgets.text_input import TextInput
from cockpit.ui.widgets.voice_overlay import VoiceOverlay
from cockpit.ui.words import words
from roadmap.map import RoadMap

WARP_KEYS = {pygame.K_1: WARPS[0], pygame.K_2: WARPS[1], pygame.K_3: WARPS[2]}


class DashboardScene:
    timeline = False  # the replay's scene has its scrubber

    def __init__(self, controller: SimController | ReplayController, fonts: FontBook, roadmap: RoadMap) -> None:
        self.controller = controller
        self.fonts = fonts
        self.map_view = MapView(roadmap, fonts)
        self.voice = VoiceOverlay(fonts)
        self.text_input = TextInput()
        self.push_to_talk = PushToTalk()
        self.dev_bar = DevBar()
        self.show_help = False
        self.history_open = False
        self.home_open = False
        self.state: DashboardState = controller.state()
        self.layout: Layout = compute_layout(*theme.REFERENCE_SIZE, self.layout_options)

    @property
    def layout_options(self) -> LayoutOptions:
        return LayoutOptions(
            timeline=self.timeline, history=self.history_open, home=self.home_open, dev_bar=self.dev_bar.shown
        )

    @property
    def fps(self) -> float:
        return self.dev_bar.fps

    @fps.setter
    def fps(self, value: float) -> None:
        self.dev_bar.fps = value

    @property
    def show_frame_rate(self) -> bool:
        return self.dev_bar.show_frame_rate

    @show_frame_rate.setter
    def show_frame_rate(self, value: bool) -> None:
        self.dev_bar.show_frame_rate = value

    # --- input ------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._click(event.pos)
        elif event.type == pygame.MOUSEWHEEL and self.history_open:
            self.voice.scroll(event.y, self.layout)
        elif event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING) and self.text_input.focused:
            self.text_input.handle(event)

    def _key(self, event: pygame.event.Event) -> None:
        key, typing = event.key, self.text_input.focused
        if key == pygame.K_F1 or (key == pygame.K_h and not typing):
            self.show_help = not self.show_help
            return
        if self.show_help and key == pygame.K_ESCAPE:
            self.show_help = False
            return
        if key == pygame.K_TAB:
            self.text_input.cycle_seat(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return
        if key == pygame.K_F2:
            self.dev_bar.toggle()
            return
        if not typing and self.dev_bar.handle_key(key, event.mod, self.controller):
            return
        if typing:
            submitted = self.text_input.handle(event)
            if submitted:
                self.controller.say(self.text_input.seat, submitted)
            return
        self._driver_key(key)

    def _driver_key(self, key: int) -> None:
        controller = self.controller
        if key in (pygame.K_y, pygame.K_n) and self.state.card is not None:
            self.answer_card(key == pygame.K_y)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_t) and controller.interactive:
            self.text_input.focus(True)
        elif key == pygame.K_p and controller.interactive:
            missing = self.push_to_talk.missing_microphone()
            if missing is not None:
                controller.notices.append(missing)
            elif self.push_to_talk.start(self.text_input.seat):
                controller.notices.append(f"listening ({self.text_input.seat})…")
        elif key == pygame.K_v:
            self.history_open = not self.history_open
        elif key == pygame.K_o:
            self.home_open = not self.home_open
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.history_open:
            self.voice.scroll(3 if key == pygame.K_PAGEUP else -3, self.layout)
        elif key == pygame.K_SPACE:
            controller.toggle_pause()
        elif key in WARP_KEYS:
            controller.set_warp(WARP_KEYS[key])
        elif key == pygame.K_s:
            controller.step()
        elif key == pygame.K_r:
            controller.restart()

    def _click(self, pos: tuple[int, int]) -> None:
        layout = self.layout
        if self.show_help:
            self.show_help = False
            return
        if self.dev_bar.click(pos, layout, self.controller):
            return
        if layout.history_button.collidepoint(pos):
            self.history_open = not self.history_open
            return
        if layout.home_button.collidepoint(pos):
            self.home_open = not self.home_open
            return
        if self.state.card is not None:
            for accepted, rect in ((True, layout.card_accept), (False, layout.card_dismiss)):
                if rect.collidepoint(pos):
                    self.answer_card(accepted)
                    return
        if not self.controller.interactive:  # a replay has no live controls: nothing to press, nothing to type
            return
        for (zone, sign), rect in layout.climate_buttons.items():
            if rect.collidepoint(pos):
                self.controller.adjust_set_point(zone, 0.5 * sign)
                return
        if layout.seat_chip.collidepoint(pos):
            self.text_input.cycle_seat()
            return
        self.text_input.focus(layout.input_box.collidepoint(pos))

    def answer_card(self, accepted: bool) -> None:
        if self.controller.answer_card(accepted):
            self.state = self.controller.state()

    # --- frame ------------------------------------------------------------------------------
    def update(self, dt_s: float) -> None:
        for heard in self.push_to_talk.take():
            self.controller.notices.append(heard.message)
            if heard.text:
                self.controller.say(heard.seat, heard.text)
        self.controller.update(dt_s)
        self.state = self.controller.state()

    def resize(self, size: tuple[int, int]) -> None:
        options = self.layout_options
        if size != self.layout.size or options != self.layout.options:
            self.layout = compute_layout(*size, options)

    def draw(self, surface: pygame.Surface) -> None:
        self.resize(surface.get_size())
        state, layout, fonts = self.state, self.layout, self.fonts
        lang = driver_language(state)
        said = words(lang)
        surface.fill(theme.BACKGROUND)
        draw.panel(surface, layout.strip, radius=layout.px(16))
        draw_strip(surface, fonts, state, layout, said)
        overlays = [layout.assistant, layout.route_card, layout.banner]
        if layout.home is not None:
            overlays.append(layout.home)
        self.map_view.draw(surface, layout.map, layout.map_free, state, layout.px, keep_clear=overlays)
        draw_route_card(surface, fonts, state, self.map_view.destination(state), layout, said, lang)
        draw_driver_banner(surface, fonts, state, layout, said)
        draw_home_panel(surface, fonts, state, layout, said, lang)
        self.voice.draw(
            surface,
            state,
            layout,
            said,
            text_input=self.text_input,
            interactive=self.controller.interactive,
            status=self.controller.notices[-1] if self.controller.notices else "",
        )
        draw_climate_bar(
            surface, fonts, state, layout, said, interactive=self.controller.interactive, home_open=self.home_open
        )
        self.dev_bar.draw(surface, fonts, state, layout, self.controller)
        self.draw_extras(surface)
        if self.show_help:
            draw_help(surface, fonts, layout)

    def draw_extras(self, surface: pygame.Surface) -> None:
        """What a scene adds over the dashboard before the help page (the replay's timeline)."""
