#!/usr/bin/python3
# A WebKitGTK browser for WebKitWebDriver with a persistent data store: what Safari is outside
# Private Browsing. MiniBrowser in automation mode always uses an ephemeral store, where WebKit
# refuses Blobs in IndexedDB, so no photo can be saved there (the app says so; see
# src/db/blobStorage.ts). WebKitWebDriver starts this program as it would MiniBrowser
# ("webkitgtk:browserOptions" binary and args) and reaches it through WEBKIT_INSPECTOR_SERVER.
#
# Usage: persistentBrowser.py --automation --data-dir=DIR
# Needs Debian's python3-gi and gir1.2-webkit2-4.1 (WebKitGTK's GObject API for Python).
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2  # noqa: E402


def option(name):
    prefix = f"--{name}="
    for arg in sys.argv[1:]:
        if arg.startswith(prefix):
            return arg[len(prefix):]
    return None


data_dir = option("data-dir")
if data_dir is None or "--automation" not in sys.argv:
    sys.exit("usage: persistentBrowser.py --automation --data-dir=DIR")

manager = WebKit2.WebsiteDataManager(
    base_data_directory=f"{data_dir}/data", base_cache_directory=f"{data_dir}/cache"
)
context = WebKit2.WebContext(website_data_manager=manager)
context.set_automation_allowed(True)
settings = WebKit2.Settings(
    enable_media_stream=True,
    enable_mock_capture_devices=True,
    enable_developer_extras=True,
)
windows = set()


def allow_camera(_view, request):
    # The mock camera, as a person who tapped "Allow" would.
    if isinstance(request, WebKit2.UserMediaPermissionRequest):
        request.allow()
        return True
    return False


def closed(view, window):
    windows.discard(window)
    window.destroy()
    if not windows:
        Gtk.main_quit()


def create_web_view(_session):
    view = WebKit2.WebView(
        web_context=context, settings=settings, is_controlled_by_automation=True
    )
    view.connect("permission-request", allow_camera)
    window = Gtk.Window()
    window.set_default_size(1024, 768)
    window.add(view)
    window.show_all()
    windows.add(window)
    view.connect("close", closed, window)
    return view


def automation_started(_context, session):
    info = WebKit2.ApplicationInfo()
    info.set_name("ConsentLens WebKit tests")
    info.set_version(1, 0, 0)
    session.set_application_info(info)
    session.connect("create-web-view", create_web_view)


context.connect("automation-started", automation_started)
Gtk.main()
