/*
 * A small page script of the kind every site ships: theme toggle, copy-to-clipboard buttons,
 * a dismissible banner and lazy "load more" lists. Written against the DOM only (no jQuery), so
 * it compiles to about 2 KB and stands for the "~2 KB script" case of bench/serve.sh.
 */
(function () {
  'use strict';

  var STORAGE_KEY = 'assetpipe-theme';

  function preferredTheme() {
    var stored = null;
    try {
      stored = window.localStorage.getItem(STORAGE_KEY);
    } catch (ignored) {
      // Private mode or disabled storage: fall back to the system preference.
    }
    if (stored === 'light' || stored === 'dark') {
      return stored;
    }
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  function applyTheme(theme) {
    document.documentElement.setAttribute('data-bs-theme', theme);
    var toggles = document.querySelectorAll('[data-theme-toggle]');
    for (var i = 0; i < toggles.length; i++) {
      toggles[i].setAttribute('aria-pressed', theme === 'dark' ? 'true' : 'false');
      toggles[i].textContent = theme === 'dark' ? 'Light mode' : 'Dark mode';
    }
  }

  function toggleTheme() {
    var next = document.documentElement.getAttribute('data-bs-theme') === 'dark' ? 'light' : 'dark';
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch (ignored) {
      // Not persisting is fine; the choice still holds for this page.
    }
    applyTheme(next);
  }

  function copyTarget(button) {
    var target = document.getElementById(button.getAttribute('data-copy'));
    if (!target || !navigator.clipboard) {
      return;
    }
    navigator.clipboard.writeText(target.textContent.trim()).then(function () {
      var label = button.textContent;
      button.textContent = 'Copied';
      button.disabled = true;
      window.setTimeout(function () {
        button.textContent = label;
        button.disabled = false;
      }, 1500);
    });
  }

  function dismissBanner(banner) {
    banner.classList.add('d-none');
    try {
      window.sessionStorage.setItem('banner:' + banner.id, 'dismissed');
    } catch (ignored) {
      // Shown again on the next page, which is acceptable.
    }
  }

  function loadMore(button) {
    var list = document.getElementById(button.getAttribute('data-load-more'));
    var url = button.getAttribute('data-url') + '?offset=' + list.children.length;
    button.disabled = true;
    fetch(url, {headers: {'Accept': 'text/html'}})
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        list.insertAdjacentHTML('beforeend', html);
        button.disabled = html.trim().length === 0;
      })
      .catch(function (error) {
        button.disabled = false;
        button.setAttribute('title', 'Could not load more: ' + error.message);
      });
  }

  function onClick(event) {
    var element = event.target.closest('[data-theme-toggle],[data-copy],[data-dismiss-banner],[data-load-more]');
    if (!element) {
      return;
    }
    if (element.hasAttribute('data-theme-toggle')) {
      toggleTheme();
    } else if (element.hasAttribute('data-copy')) {
      copyTarget(element);
    } else if (element.hasAttribute('data-dismiss-banner')) {
      dismissBanner(document.getElementById(element.getAttribute('data-dismiss-banner')));
    } else {
      loadMore(element);
    }
  }

  applyTheme(preferredTheme());
  document.addEventListener('click', onClick);
  document.addEventListener('DOMContentLoaded', function () {
    var banners = document.querySelectorAll('.site-banner');
    for (var i = 0; i < banners.length; i++) {
      try {
        if (window.sessionStorage.getItem('banner:' + banners[i].id) === 'dismissed') {
          banners[i].classList.add('d-none');
        }
      } catch (ignored) {
        // Storage unavailable: keep the banner visible.
      }
    }
  });
})();
