"""The policy column's RSS feed, served by the column page itself (its `feed/` route)."""

from django.contrib.syndication.views import Feed
from django.utils.translation import gettext_lazy as _

FEED_LENGTH = 20


class PolicyColumnFeed(Feed):
    description = _("Policy documents, interpretations, notices, subsidy results and news.")

    def get_object(self, request, column):
        self.request = request
        return column

    def title(self, column):
        return column.title

    def link(self, column):
        return column.get_url(self.request)

    def items(self, column):
        return column.get_posts()[:FEED_LENGTH]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.summary

    def item_link(self, post):
        return post.get_url(self.request)

    def item_pubdate(self, post):
        return post.first_published_at

    def item_categories(self, post):
        return [post.get_kind_display()]
